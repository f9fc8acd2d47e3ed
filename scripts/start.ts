/**
 * npm start: build the H5 app and the office console if missing or stale, then start the server, which serves
 * the H5 app at /, the console at /admin and the API at /api. PORT and DATA_DIR override the port and the data folder.
 */
import { ensureH5Build, H5_DIR } from './lib/h5-build'
import { ensureAdminBuild, ADMIN_DIR } from './lib/admin-build'
import { startServer } from '../server/src/main'

async function main(): Promise<void> {
  // The H5 app first, then the console's build while the server already answers: on two cores the two builds side by
  // side slowed the H5 one (a fresh clone's first start answered / after 38–43 s side by side, 33–39 s one after the
  // other; issue 18 asks for 40 s). /admin/ answers from the moment the console's files are written (ADMIN_DIR is read
  // per request).
  await ensureH5Build()
  const admin = ensureAdminBuild().then(
    (built) => built && console.log(`  工作台已就绪：/admin/`),
    (err: unknown) => console.error(`工作台构建失败（/admin/ 不可用，H5 应用与 API 不受影响）：${err instanceof Error ? err.message : String(err)}`),
  )
  const { url, db, config } = await startServer({
    ...process.env,
    // A local run: the server's development defaults (演示登录 unless AUTH_MODE says otherwise). A deployment runs
    // server/src/main.ts with NODE_ENV and AUTH_MODE of its own (the Dockerfile sets both).
    NODE_ENV: process.env.NODE_ENV ?? 'development',
    STATIC_DIR: process.env.STATIC_DIR ?? H5_DIR,
    ADMIN_DIR: process.env.ADMIN_DIR ?? ADMIN_DIR,
  })
  console.log(`\n  工会会员服务已启动：${url}\n  H5 应用：${url}/    工作台：${url}/admin/    API：${url}/api/health`)
  console.log(`  数据库：${db.kind === 'pglite' ? `内嵌 PostgreSQL (PGlite)，数据目录 ${config.dataDir}` : 'PostgreSQL (DATABASE_URL)'}；登录方式：${config.authMode}\n`)
  await admin
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
