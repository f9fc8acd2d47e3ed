import type { UserConfigExport } from '@tarojs/cli'
import type Chain from 'webpack-chain'


/**
 * The H5 production build's chunks (issue 18). Taro's default splits only the entry (`chunks: 'initial'`), so every
 * page chunk carried its own copy of what it shares with other pages (zod, the shared components, the stores): 77
 * files, 12.9 MB of JS to minify and compress, most of it duplicated. Here:
 * - framework: React, react-dom, MobX and Taro's runtime, router and components — the first load's unchanging part,
 *   in its own long-cached file;
 * - vendors / common: what two or more pages share (zod, dayjs, qrcode, shared components and stores), in chunks
 *   loaded with the first page that needs them — never on the home page unless the home page uses them.
 */
export function h5ProductionChain(chain: Chain): void {
  // swc minifies instead of terser, through the same terser-webpack-plugin Taro sets up (its `swcMinify`; @swc/core is
  // already installed for jest and Taro): same CPU time as esbuild and smaller output than either (README figures).
  // Output for the browserslist "h5" floor, ES2020. The weapp keeps Taro's terser: it packs the 480 KB main package.
  const terser = chain.optimization.minimizer('terserPlugin')
  const TerserPlugin = terser.get('plugin') as { swcMinify: unknown }
  terser.tap(() => [
    { parallel: true, minify: TerserPlugin.swcMinify, extractComments: false, terserOptions: { compress: { ecma: 2020 }, mangle: true, ecma: 2020 } },
  ])
  chain.optimization.splitChunks({
    chunks: 'all',
    minSize: 10 * 1024,
    maxInitialRequests: 6,
    maxAsyncRequests: 12,
    hidePathInfo: true,
    cacheGroups: {
      default: false,
      defaultVendors: false,
      framework: {
        name: 'framework',
        chunks: 'initial',
        test: /[\\/]node_modules[\\/](react|react-dom|scheduler|mobx|mobx-react-lite|@tarojs)[\\/]/,
        priority: 40,
        enforce: true,
      },
      vendors: { test: /[\\/]node_modules[\\/]/, minChunks: 2, priority: 10, reuseExistingChunk: true },
      common: { minChunks: 2, priority: 1, reuseExistingChunk: true },
    },
  })
}

// H5 runs in WeChat's built-in browser and current mobile browsers (package.json browserslist "h5": ES2020), with our
// own code transpiled for them; node_modules are not re-transpiled (that tripled the H5 build time, which `npm start`
// pays on a fresh clone).
export default {
  mini: {},
  h5: {},
} satisfies UserConfigExport<'webpack5'>
