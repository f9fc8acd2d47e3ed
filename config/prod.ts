import type { UserConfigExport } from '@tarojs/cli'

export default {
  mini: {},
  h5: {
    // 低端安卓机的旧内核：node_modules 中除 babel/core-js/react 外的包也经 babel 转译。
    compile: {
      include: [(filename: string) => /node_modules\/(?!(@babel|core-js|style-loader|css-loader|react|react-dom))/.test(filename)],
    },
  },
} satisfies UserConfigExport<'webpack5'>
