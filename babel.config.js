// babel-preset-taro options: https://docs.taro.zone/docs/next/babel-config
// Used by the Taro build (weapp + H5) and by jest for page tests.
module.exports = {
  presets: [
    ['taro', {
      framework: 'react',
      ts: true,
      compiler: 'webpack5',
      useBuiltIns: process.env.TARO_ENV === 'h5' ? 'usage' : false,
    }],
  ],
}
