import type { UserConfigExport } from '@tarojs/cli'

export default {
  logger: { quiet: false, stats: true },
  mini: {},
  h5: {
    // `npm run dev`: the H5 dev server (10086) forwards the API to the server started beside it.
    devServer: {
      port: 10086,
      proxy: [{ context: ['/api'], target: `http://127.0.0.1:${process.env.PORT ?? 3000}`, changeOrigin: false }],
    },
  },
} satisfies UserConfigExport<'webpack5'>
