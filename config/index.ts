import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import devConfig from './dev'
import prodConfig from './prod'

// 生产构建读取 package.json 中 browserslist 的 production 目标（微信小程序输出接近 ES5）。
process.env.BROWSERSLIST_ENV = process.env.NODE_ENV

const ROOT = path.resolve(__dirname, '..')
const CONTRACT_DIR = path.join(ROOT, 'contract')

// https://docs.taro.zone/docs/config
export default defineConfig<'webpack5'>(async (merge) => {
  const isH5 = process.env.TARO_ENV === 'h5'
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'union-member-app',
    date: '2025-1-1',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    // 微信开发者工具打开仓库根目录（project.config.json 的 miniprogramRoot 为 ./dist）；H5 产物由服务端在 / 提供。
    outputRoot: isH5 ? 'dist-h5' : 'dist',
    plugins: [],
    defineConstants: {},
    alias: {
      '@': path.join(ROOT, 'src'),
      '@contract': CONTRACT_DIR,
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    // Tried for issue 18: `jsMinimizer: 'esbuild'` for H5 (its CSS minifier rejects the options Taro passes). The build
    // took 125–142 s against 142–568 s for terser on this shared, unevenly loaded machine: not a clean comparison. It was
    // reverted over a CSP report that turned out to come with terser too (zod's eval probe on the card page), and there
    // was no time to measure it again: worth retrying with a clean before/after.
    mini: {
      // contract/ 在 src 之外，需要显式纳入编译。
      compile: { include: [CONTRACT_DIR] },
      // 只被分包使用的公共模块移入分包，主包保持精简。
      optimizeMainPackage: { enable: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      // 浏览器路由：服务端对未知路径回退到 index.html。
      router: { mode: 'browser' },
      compile: { include: [CONTRACT_DIR] },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
      },
    },
  }

  if (process.env.NODE_ENV === 'development') {
    // 本地开发构建（不压缩）
    return merge({}, baseConfig, devConfig)
  }
  // 生产构建（压缩混淆）
  return merge({}, baseConfig, prodConfig)
})
