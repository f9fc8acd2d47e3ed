/**
 * npm run size: production weapp build, then the size of the main package and each subpackage.
 * Then the office console's bundle (scripts/admin-size.ts).
 * Fails when a package exceeds WeChat's 2 MB limit or the main package exceeds our 480 KB budget.
 */
import path from 'node:path'
import { ROOT, runTaroBuild } from './lib/h5-build'
import { measurePackages } from './lib/package-sizes'
import { printAdminSize } from './admin-size'

const WECHAT_LIMIT_KB = 2048
const MAIN_BUDGET_KB = 480

async function main(): Promise<void> {
  if (!process.argv.includes('--no-build')) {
    console.log('正在构建生产版微信小程序 (dist/) …')
    await runTaroBuild('weapp')
  }
  const sizes = measurePackages(path.join(ROOT, 'dist'))
  let failed = false
  console.log('\n包                      大小')
  for (const p of sizes) {
    const kb = p.bytes / 1024
    const limit = p.root === '' ? MAIN_BUDGET_KB : WECHAT_LIMIT_KB
    const over = kb > limit
    failed ||= over
    console.log(`${(p.root === '' ? '主包 (main)' : p.root).padEnd(24)}${kb.toFixed(1).padStart(8)} KB${over ? `  超出 ${limit} KB 上限` : ''}`)
  }
  const total = sizes.reduce((s, p) => s + p.bytes, 0) / 1024
  console.log(`${'合计'.padEnd(22)}${total.toFixed(1).padStart(8)} KB`)
  console.log(`\n预算：主包 ≤ ${MAIN_BUDGET_KB} KB；每个分包 ≤ ${WECHAT_LIMIT_KB} KB（微信上限）`)
  // The office console is a separate web app (never in the weapp build): its bundle and first load, for the record.
  await printAdminSize(!process.argv.includes('--no-build'))
  if (failed) process.exit(1)
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
