/**
 * Operator commands against the configured database (DATABASE_URL, or the embedded PGlite in DATA_DIR — the server's
 * own config loading, server/src/config.ts):
 *
 *   npm run admin -- bootstrap --name "云溪区总工会"   the root union and a one-time code for its first administrator
 *
 * Subcommands live in COMMANDS (rotate-data-key comes later). Exit status 0 on success, 1 on a refusal or an error
 * (the message in Chinese on stderr), 2 on a usage error.
 */
import { parseArgs } from 'node:util'
import { loadConfig, prepareRuntime } from '../server/src/config'
import { openDatabase, type Database } from '../server/src/db'
import { bootstrapRoot } from '../server/src/modules/staff'

type Command = (args: string[], db: () => Promise<Database>) => Promise<void>

const COMMANDS: Record<string, { usage: string; run: Command }> = {
  bootstrap: {
    usage: 'bootstrap --name <根工会名称>',
    run: async (args, open) => {
      const { values } = parseArgs({ args, options: { name: { type: 'string' } } })
      if (!values.name) throw new UsageError('请用 --name 给出根工会的名称')
      const database = await open()
      const done = await bootstrapRoot(database.db, { name: values.name })
      const expires = done.expiresAt.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })
      console.log(`已创建根工会「${done.orgName}」（编号 ${done.orgId}）。`)
      console.log(`首位管理员邀请码：${done.code}`)
      console.log(`小程序页面：${done.path}`)
      console.log(`有效期至 ${expires}（北京时间），仅可使用一次。请登录小程序后打开上述页面或输入邀请码。`)
    },
  },
}

class UsageError extends Error {}

function usage(): string {
  return ['用法: npm run admin -- <命令>', ...Object.values(COMMANDS).map((c) => `  ${c.usage}`)].join('\n')
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  const command = name ? COMMANDS[name] : undefined
  if (!command) {
    console.error(name ? `未知命令: ${name}\n${usage()}` : usage())
    return 2
  }
  let database: Database | null = null
  const open = async () => {
    const config = await prepareRuntime(loadConfig(process.env))
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
    return database
  }
  try {
    await command.run(rest, open)
    return 0
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err))
    return err instanceof UsageError ? 2 : 1
  } finally {
    await (database as Database | null)?.close()
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code))
