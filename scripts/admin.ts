/**
 * Operator commands against the configured database (DATABASE_URL, or the embedded PGlite in DATA_DIR — the server's
 * own config loading, server/src/config.ts):
 *
 *   npm run admin -- bootstrap --name "云溪区总工会"   the root union and a one-time code for its first administrator
 *   npm run admin -- rotate-data-key [--batch 500] [--max-batches N]
 *                                                    with DATA_KEY=new and DATA_KEY_PREVIOUS=old: re-encrypt what the
 *                                                    old key sealed (server/src/maintenance/rotate-data-key.ts);
 *                                                    stop it any time and run it again to go on
 *   npm run admin -- rotate-data-key --check          only count the rows still under another key than DATA_KEY
 *
 * Subcommands live in COMMANDS. Exit status 0 on success, 1 on a refusal or an error (the message in Chinese on
 * stderr), 2 on a usage error.
 */
import { parseArgs } from 'node:util'
import qrcode from 'qrcode-generator'
import { loadConfig, prepareRuntime, type RuntimeConfig } from '../server/src/config'
import { DataCipher } from '../server/src/crypto/data'
import { openDatabase, type Database } from '../server/src/db'
import { countStale, DEFAULT_BATCH, rotateDataKey } from '../server/src/maintenance/rotate-data-key'
import { bootstrapRoot } from '../server/src/modules/staff'

/** `config()` reads the environment (no database); `open()` opens the database (and reads the config). */
interface Runtime {
  config(): Promise<RuntimeConfig>
  open(): Promise<Database>
}

type Command = (args: string[], runtime: Runtime) => Promise<void>

const COMMANDS: Record<string, { usage: string; run: Command }> = {
  bootstrap: {
    usage: 'bootstrap --name <根工会名称>',
    run: async (args, { config, open }) => {
      const { values } = parseArgs({ args, options: { name: { type: 'string' } } })
      if (!values.name) throw new UsageError('请用 --name 给出根工会的名称')
      const { publicUrl } = await config()
      const database = await open()
      const done = await bootstrapRoot(database.db, { name: values.name })
      const expires = done.expiresAt.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })
      console.log(`已创建根工会「${done.orgName}」（编号 ${done.orgId}）。`)
      console.log(`首位管理员邀请码：${done.code}`)
      console.log(`小程序页面：${done.path}`)
      console.log(`有效期至 ${expires}（北京时间），仅可使用一次。请登录小程序后打开上述页面，或在 我的 → 工作人员入口 输入邀请码。`)
      if (publicUrl) {
        // With WeChat's 扫普通链接二维码打开小程序 rule on PUBLIC_URL, scanning this opens the mini-program's page.
        const link = `${publicUrl}${done.path}`
        console.log(`扫码打开：${link}`)
        console.log(terminalQr(link))
      }
    },
  },
  'rotate-data-key': {
    usage: 'rotate-data-key [--batch 500] [--max-batches N] [--check]   （DATA_KEY=新密钥，DATA_KEY_PREVIOUS=旧密钥）',
    run: async (args, { config, open }) => {
      const { values } = parseArgs({
        args,
        options: { batch: { type: 'string' }, 'max-batches': { type: 'string' }, check: { type: 'boolean' } },
      })
      const batchSize = positiveInt(values.batch, '--batch') ?? DEFAULT_BATCH
      const maxBatches = positiveInt(values['max-batches'], '--max-batches')
      const c = await config()
      const cipher = new DataCipher(c.dataKey, c.dataKeyPrevious)
      if (values.check) {
        const counts = await countStale((await open()).db, cipher)
        for (const t of counts) console.log(`${t.table}：${t.rows} 行`)
        const left = counts.reduce((n, t) => n + t.rows, 0)
        console.log(left === 0 ? '全部数据均已使用当前 DATA_KEY 加密，可以删除 DATA_KEY_PREVIOUS。' : `仍有 ${left} 行使用旧密钥（或无法识别的密钥）。`)
        return
      }
      if (!c.dataKeyPrevious) {
        throw new Error('未设置 DATA_KEY_PREVIOUS，无法轮换：请以 DATA_KEY=新密钥、DATA_KEY_PREVIOUS=旧密钥（与服务相同的环境）运行本命令')
      }
      console.log(`开始轮换：当前密钥编号 ${cipher.kid}，旧密钥编号 ${cipher.previousKid}，每批 ${batchSize} 行${maxBatches ? `，最多 ${maxBatches} 批` : ''}。`)
      const report = await rotateDataKey((await open()).db, cipher, {
        batchSize,
        maxBatches,
        onBatch: (b) => console.log(`  ${b.table}：本批 ${b.rows} 行（本表累计 ${b.tableTotal} 行）`),
        onTable: (table, rows) => console.log(`${table}：已轮换 ${rows} 行`),
      })
      for (const t of report.remaining.filter((r) => r.rows > 0)) console.log(`  ${t.table}：剩余 ${t.rows} 行`)
      console.log(`已轮换 ${report.rotated} 行，剩余 ${report.remainingTotal} 行`)
      if (report.stoppedEarly) console.log('已达到 --max-batches，再次运行本命令即可继续。')
      else if (report.remainingTotal === 0) console.log('轮换完成：删除 DATA_KEY_PREVIOUS 后重新部署服务。')
    },
  },
}

class UsageError extends Error {}

/**
 * A QR code drawn with block characters, two modules per character row, for a phone to scan off the terminal: the
 * LIGHT modules (and the quiet zone) are drawn, so on a usual dark terminal the code shows dark-on-light.
 */
function terminalQr(text: string): string {
  const qr = qrcode(0, 'M')
  qr.addData(text)
  qr.make()
  const n = qr.getModuleCount()
  const dark = (r: number, c: number) => r >= 0 && c >= 0 && r < n && c < n && qr.isDark(r, c)
  const lines: string[] = []
  for (let r = -2; r < n + 2; r += 2) {
    let line = ''
    for (let c = -2; c < n + 2; c++) line += !dark(r, c) ? (!dark(r + 1, c) ? '█' : '▀') : !dark(r + 1, c) ? '▄' : ' '
    lines.push(line)
  }
  return lines.join('\n')
}

function positiveInt(text: string | undefined, option: string): number | undefined {
  if (text === undefined) return undefined
  const n = Number(text)
  if (!Number.isInteger(n) || n < 1 || n > 100_000) throw new UsageError(`${option} 必须是 1–100000 的整数`)
  return n
}

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
  let runtime: RuntimeConfig | null = null
  const config = async () => (runtime ??= await prepareRuntime(loadConfig(process.env)))
  const open = async () => {
    const c = await config()
    database ??= await openDatabase({ databaseUrl: c.databaseUrl, dataDir: c.dataDir })
    return database
  }
  try {
    await command.run(rest, { config, open })
    return 0
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err))
    return err instanceof UsageError ? 2 : 1
  } finally {
    await (database as Database | null)?.close()
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code))
