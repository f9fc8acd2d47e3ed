import type { UserConfigExport } from '@tarojs/cli'

// H5 runs in WeChat's built-in browser and current mobile browsers, which the browserslist
// production targets cover with our own code transpiled; node_modules are not re-transpiled
// (that tripled the H5 build time, which `npm start` pays on a fresh clone).
export default {
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>
