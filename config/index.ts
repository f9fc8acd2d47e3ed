import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import devConfig from './dev'
import prodConfig, { h5ProductionChain } from './prod'
import { H5StatsPlugin } from './h5-stats'

// 生产构建读取 package.json 中 browserslist 的目标：微信小程序读 production（输出接近 ES5）；H5 读 h5（微信内置浏览器与
// 当下的手机浏览器，ES2020：node_modules 不再转译，zod 4 等本身就需要 ES2020）。
process.env.BROWSERSLIST_ENV =
  process.env.NODE_ENV === 'production' && process.env.TARO_ENV === 'h5' ? 'h5' : process.env.NODE_ENV

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
    // H5: webpack's persistent cache in .cache/webpack (this checkout's own, not node_modules/.cache, which worktrees
    // may share): a rebuild after a change (npm start, the journeys) reuses every unchanged module. A fresh clone has
    // none, so its first build pays the cache writing (figures in the README). The weapp build stays uncached: `npm run
    // size` measures a clean build.
    cache: isH5
      ? {
          enable: true,
          buildDependencies: {
            config: ['index.ts', 'prod.ts', 'dev.ts', 'h5-stats.ts'].map((f) => path.join(__dirname, f)).concat(path.join(ROOT, 'babel.config.js'), path.join(ROOT, 'package.json')),
          },
        }
      : { enable: false },
    // The H5 production build's chunks and minifier: config/prod.ts (h5ProductionChain), measured in the README.
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
        // zod without its `new Function` probe, which the H5 CSP reports (src/utils/zod.ts). H5 only: in the weapp build
        // the same alias defeated zod's tree shaking (+410 KB in each subpackage that validates), and a mini-program has
        // no eval, so zod there already runs its interpreted parsers: the same behaviour.
        chain.resolve.alias.set('zod$', path.join(ROOT, 'src', 'utils', 'zod.ts'))
        const cache = chain.get('cache') as object | undefined
        if (cache) chain.cache({ ...cache, cacheDirectory: path.join(ROOT, '.cache', 'webpack') })
        if (process.env.NODE_ENV === 'production') h5ProductionChain(chain)
        // H5_STATS=1 (or a .json path): print what the first load is made of (config/h5-stats.ts).
        if (process.env.H5_STATS) chain.plugin('h5-stats').use(H5StatsPlugin, [process.env.H5_STATS.endsWith('.json') ? path.resolve(process.env.H5_STATS) : undefined])
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
