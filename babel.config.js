// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
// Used by the Taro build (weapp + H5) and by jest for page tests.
module.exports = {
  presets: [
    ['taro', {
      framework: 'react',
      ts: true,
      compiler: 'webpack5',
      // No core-js: the weapp base library provides what the code uses, and the H5 targets (browserslist "h5",
      // ES2020 browsers) have it natively. 'usage' made babel's runtime import core-js-pure ponyfills whatever the
      // targets: 137 KB of source on the H5 first load (issue 18).
      useBuiltIns: false,
    }],
  ],
}
