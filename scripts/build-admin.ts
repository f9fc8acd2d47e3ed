/** `npm run build:admin`: the office console's production build into dist-admin/, precompressed (brotli 11). */
import { buildAdmin, measureAdmin } from './lib/admin-build'

const started = Date.now()
buildAdmin()
  .then(() => {
    const s = measureAdmin()
    console.log(`工作台已构建到 dist-admin/（${((Date.now() - started) / 1000).toFixed(1)} 秒）：首次加载 ${(s.firstLoad.gzip / 1024).toFixed(0)} KB gzip，全部 ${(s.total.gzip / 1024).toFixed(0)} KB gzip`)
  })
  .catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err)
    process.exit(1)
  })
