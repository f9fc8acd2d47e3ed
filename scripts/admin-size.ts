/**
 * `tsx scripts/admin-size.ts [--no-build]`: the office console's bundle (dist-admin/, built when stale) — all of it
 * and what a first visit loads (the entry, its preloaded chunks and styles; pages come later, lazily), raw and gzip.
 * `npm run size` prints it after the weapp packages.
 */
import { buildAdmin, isAdminBuildFresh, measureAdmin } from './lib/admin-build'

export async function printAdminSize(build = true): Promise<void> {
  if (build && !isAdminBuildFresh()) {
    console.log('正在构建工会工作台 (dist-admin/) …')
    await buildAdmin()
  }
  const s = measureAdmin()
  const kb = (n: number) => `${(n / 1024).toFixed(1).padStart(8)} KB`
  console.log('\n工会工作台 (/admin)          原始大小       gzip')
  console.log(`${'首次加载'.padEnd(24)}${kb(s.firstLoad.raw)}${kb(s.firstLoad.gzip)}   (${s.firstLoad.files.length} 个文件)`)
  console.log(`${'全部'.padEnd(26)}${kb(s.total.raw)}${kb(s.total.gzip)}`)
}

if (require.main === module) {
  printAdminSize(!process.argv.includes('--no-build')).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err)
    process.exit(1)
  })
}
