/**
 * Server configuration from environment variables, validated with zod.
 *
 * `loadConfig(env)` is pure (no file system access): it only reads the given env object.
 * `prepareRuntime(config)` does the side effects (data directory, generated session secret).
 */
import { mkdir, readFile, writeFile, chmod } from 'node:fs/promises'
import { randomBytes } from 'node:crypto'
import { isIP } from 'node:net'
import path from 'node:path'
import { EnvSchema, type AuthModeName, type Env, type FileStoreKind, type LOG_LEVELS } from './config-env'
import { SUBSCRIBE_TEMPLATE_KEYS, SUBSCRIBE_TEMPLATES, type SubscribeTemplateKey } from '@contract/notifications/labels'
import { generateDataKey, parseDataKey } from './crypto/data'

export type { AuthModeName, FileStoreKind }

/** Where uploaded bytes go when FILE_STORE=s3 (any S3-compatible store: Tencent COS, MinIO, AWS S3). */
export interface S3Config {
  /** Service endpoint without the bucket, e.g. https://cos.ap-shanghai.myqcloud.com */
  endpoint: string
  bucket: string
  region: string
  accessKeyId: string
  secretAccessKey: string
  sessionToken: string | null
  /** true → `<endpoint>/<bucket>/<key>`; false (default, COS) → `<bucket>.<endpoint host>/<key>`. */
  forcePathStyle: boolean
  /** Key prefix inside the bucket, e.g. `uploads/`. */
  prefix: string
  timeoutMs: number
}

/** Thrown for a bad or missing environment variable; the message names the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly reason: string,
  ) {
    super(`配置错误 ${variable}: ${reason} (invalid configuration of ${variable})`)
    this.name = 'ConfigError'
  }
}

export interface Config {
  production: boolean
  port: number
  host: string
  /** Absolute path. */
  dataDir: string
  /** PostgreSQL server connection string; null → embedded PGlite in `<dataDir>/pglite`. */
  databaseUrl: string | null
  authMode: AuthModeName
  wechat: {
    appid: string | null
    secret: string | null
    apiBase: string
    timeoutMs: number
  }
  /** Null until `prepareRuntime` generates or loads one (never null in production). */
  sessionSecret: string | null
  sessionTtlHours: number
  /** 32-byte key for sensitive data at rest; null until `prepareRuntime` generates or loads one (never null in production). */
  dataKey: Buffer | null
  /**
   * The key DATA_KEY replaces, during a key rotation only (`npm run admin -- rotate-data-key`): read, never written.
   * Requires DATA_KEY and differs from it; null otherwise.
   */
  dataKeyPrevious: Buffer | null
  seedDemo: boolean
  logLevel: (typeof LOG_LEVELS)[number]
  /** Absolute path of the H5 build to serve at `/`, or null. */
  staticDir: string | null
  /** Absolute path of the office console's build (dist-admin/) to serve at `/admin`, or null. */
  adminDir: string | null
  /**
   * Which proxies in front of us to believe about the client address (Fastify `trustProxy`): false (nobody, the
   * default), a hop count, or addresses/CIDRs. `true` (everybody: any client could pick its own address) is refused
   * in production and warned about elsewhere.
   */
  trustProxy: boolean | number | string
  /**
   * A header the trusted gateway sets to the client address (WeChat Cloud Hosting: `x-original-forwarded-for`),
   * read only from a trusted proxy (TRUST_PROXY); null → the address from X-Forwarded-For per TRUST_PROXY.
   */
  clientIpHeader: string | null
  rateLimit: { perMinute: number; authPerMinute: number }
  fileUrlTtlSeconds: number
  /**
   * Where people open the app by a link (the H5 address; with WeChat's 扫普通链接二维码打开小程序 rule on it, a QR of
   * such a link opens the mini-program): the bootstrap command prints a QR of the first administrator's link.
   */
  publicUrl: string | null
  /** Absolute lifetime of a session from its login; renewal never extends past it. */
  sessionMaxAgeDays: number
  /** Where uploaded bytes live: `db` (a table; default) or `s3` (an S3-compatible object store). */
  fileStore: FileStoreKind
  s3: S3Config | null
  /** Per user, over the last 24 hours: how many files and how many bytes they may upload. */
  uploadQuota: { filesPerDay: number; bytesPerDay: number }
  /** WeChat subscription template id per template key (WECHAT_TMPL_*); null → that key's notices stay in the app. */
  subscribeTemplates: Record<SubscribeTemplateKey, string | null>
  /** The 订阅消息 outbox job (modules/notifications/outbox.ts). */
  outbox: {
    intervalSeconds: number
    dailyQuota: number
    miniprogramState: 'formal' | 'trial' | 'developer'
    batchSize: number
  }
  /**
   * Content security of what users publish to others (modules/moderation): `wechat` — texts go to msgSecCheck and
   * images to mediaCheckAsync (WECHAT_CONTENT_CHECK, default on when WECHAT_APPID/SECRET are set); off → the local
   * word list only. `pushToken` — WECHAT_PUSH_TOKEN: pushes must carry WeChat's signature made with it (plain
   * server 消息推送); null → unsigned pushes are taken (Cloud Hosting's 消息推送), matched by their trace id only.
   */
  contentCheck: { wechat: boolean; pushToken: string | null }
  /** Warnings to log at start (e.g. TRUST_PROXY=true outside production). */
  warnings: string[]
  /** Period of the background jobs (lottery draws, lapsed wins to the waitlist); 0 = off. Default 60, 0 under NODE_ENV=test. */
  jobsIntervalSeconds: number
}

/** A config whose session secret is known: what `buildApp` needs. */
export type RuntimeConfig = Config & { sessionSecret: string; dataKey: Buffer }

function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (value === undefined) return false
  const v = value.trim()
  if (v === 'true') return true
  if (v === 'false' || v === '') return false
  if (/^\d+$/.test(v)) {
    const hops = Number(v)
    if (hops > 10) throw new ConfigError('TRUST_PROXY', '代理层数必须是 0–10 的整数')
    return hops === 0 ? false : hops
  }
  // Comma separated addresses / CIDRs (as Fastify's proxy-addr accepts them), each checked here.
  const parts = v.split(',').map((p) => p.trim())
  for (const part of parts) {
    const [address, bits, extra] = part.split('/')
    const family = isIP(address ?? '')
    const maxBits = family === 6 ? 128 : 32
    const bitsOk = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= maxBits)
    if (!family || !bitsOk || extra !== undefined) {
      throw new ConfigError('TRUST_PROXY', `“${part}” 不是 IP 地址或网段；可填 false、代理层数（如 1）或逗号分隔的代理地址`)
    }
  }
  return parts.join(',')
}

function parseS3(e: Env): S3Config {
  const required = ['S3_ENDPOINT', 'S3_BUCKET', 'S3_REGION', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const
  for (const name of required) {
    if (!e[name]) throw new ConfigError(name, 'FILE_STORE=s3 时必须设置')
  }
  if (!/^[a-z0-9][a-z0-9.-]{1,62}$/.test(e.S3_BUCKET!)) throw new ConfigError('S3_BUCKET', '存储桶名称只能包含小写字母、数字、. 和 -')
  const prefix = e.S3_PREFIX ?? 'uploads/'
  return {
    endpoint: e.S3_ENDPOINT!.replace(/\/+$/, ''),
    bucket: e.S3_BUCKET!,
    region: e.S3_REGION!,
    accessKeyId: e.S3_ACCESS_KEY_ID!,
    secretAccessKey: e.S3_SECRET_ACCESS_KEY!,
    sessionToken: e.S3_SESSION_TOKEN ?? null,
    forcePathStyle: e.S3_FORCE_PATH_STYLE ?? false,
    prefix: prefix.replace(/^\/+/, '').replace(/([^/])$/, '$1/'),
    timeoutMs: e.S3_TIMEOUT_MS ?? 10000,
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new ConfigError(String(issue.path[0] ?? 'ENV'), issue.message)
  }
  const e = parsed.data
  const production = e.NODE_ENV === 'production'
  // Only a developer's machine or a test run may fall back to the demo login: anything else (production, staging,
  // or NODE_ENV unset, as on a server started by hand) must say how people log in.
  const local = e.NODE_ENV === 'development' || e.NODE_ENV === 'test'
  if (!e.AUTH_MODE && !local) {
    throw new ConfigError(
      'AUTH_MODE',
      `未设置登录方式（NODE_ENV=${e.NODE_ENV ?? '未设置'}）：请设置为 wechat、cloudhosting，或在测试环境明确设置为 dev`,
    )
  }
  const authMode: AuthModeName = e.AUTH_MODE ?? 'dev'

  if (authMode === 'dev' && production) {
    throw new ConfigError(
      'AUTH_MODE',
      '生产环境（NODE_ENV=production）不允许使用 dev 演示登录，请设置为 wechat 或 cloudhosting',
    )
  }
  if (authMode === 'wechat') {
    if (!e.WECHAT_APPID) throw new ConfigError('WECHAT_APPID', 'AUTH_MODE=wechat 时必须设置小程序 AppID')
    if (!e.WECHAT_SECRET) throw new ConfigError('WECHAT_SECRET', 'AUTH_MODE=wechat 时必须设置小程序 AppSecret')
  }
  if (e.SESSION_SECRET !== undefined && e.SESSION_SECRET.length < 32) {
    throw new ConfigError('SESSION_SECRET', '长度至少 32 个字符')
  }
  if (production && !e.SESSION_SECRET) {
    throw new ConfigError('SESSION_SECRET', '生产环境必须设置（至少 32 个字符的随机字符串）')
  }

  let dataKey: Buffer | null = null
  if (e.DATA_KEY !== undefined) {
    dataKey = parseDataKey(e.DATA_KEY)
    if (!dataKey) throw new ConfigError('DATA_KEY', '必须是 32 字节的密钥（base64 或 64 位十六进制）')
  }
  let dataKeyPrevious: Buffer | null = null
  if (e.DATA_KEY_PREVIOUS !== undefined) {
    dataKeyPrevious = parseDataKey(e.DATA_KEY_PREVIOUS)
    if (!dataKeyPrevious) throw new ConfigError('DATA_KEY_PREVIOUS', '必须是 32 字节的密钥（base64 或 64 位十六进制）')
    if (!dataKey) throw new ConfigError('DATA_KEY_PREVIOUS', '轮换密钥时必须同时设置 DATA_KEY（新密钥），DATA_KEY_PREVIOUS 为旧密钥')
    if (dataKeyPrevious.equals(dataKey)) {
      throw new ConfigError('DATA_KEY_PREVIOUS', '与 DATA_KEY 相同；轮换时 DATA_KEY 为新密钥、DATA_KEY_PREVIOUS 为旧密钥，轮换完成后删除 DATA_KEY_PREVIOUS')
    }
  }

  if (production && !e.DATABASE_URL) {
    // Cloud Hosting containers are replaced at will: an embedded database there would lose data.
    throw new ConfigError('DATABASE_URL', '生产环境必须连接 PostgreSQL 服务器（内嵌数据库仅用于本地与测试）')
  }
  if (production && e.SEED_DEMO) {
    throw new ConfigError('SEED_DEMO', '生产环境不允许写入演示数据（演示账号与示例活动），请删除该变量或设为 false')
  }
  if (production && !dataKey) {
    throw new ConfigError('DATA_KEY', '生产环境必须设置敏感数据加密密钥（32 字节，base64 或十六进制）')
  }

  const warnings: string[] = []
  const trustProxy = parseTrustProxy(e.TRUST_PROXY)
  if (trustProxy === true) {
    if (production) {
      throw new ConfigError('TRUST_PROXY', '生产环境不允许 true（任何客户端都能伪造自己的地址）；请填写代理层数（如 1）或代理地址')
    }
    warnings.push('TRUST_PROXY=true：信任任何来源的 X-Forwarded-For，客户端可伪造地址绕过按地址的限流；请改为代理层数或代理地址')
  }
  if (e.CLIENT_IP_HEADER && trustProxy === false) {
    throw new ConfigError('CLIENT_IP_HEADER', '只有经过受信任的代理时才读取该头，请同时设置 TRUST_PROXY（如 1）')
  }
  const fileStore: FileStoreKind = e.FILE_STORE ?? 'db'
  const wechatConfigured = Boolean(e.WECHAT_APPID && e.WECHAT_SECRET)
  if (e.WECHAT_CONTENT_CHECK === 'on' && !wechatConfigured) {
    throw new ConfigError('WECHAT_CONTENT_CHECK', '开启微信内容安全检测时必须设置 WECHAT_APPID 和 WECHAT_SECRET')
  }
  const contentCheckWechat = e.WECHAT_CONTENT_CHECK ? e.WECHAT_CONTENT_CHECK === 'on' : wechatConfigured
  if (contentCheckWechat && !e.PUBLIC_URL) {
    warnings.push('未设置 PUBLIC_URL：微信无法下载用户上传的图片，图片不会送微信内容安全检测（文字检测不受影响）')
  }

  const dataDir = path.resolve(e.DATA_DIR ?? './.data')
  return {
    production,
    port: e.PORT ?? 3000,
    host: e.HOST ?? '0.0.0.0',
    dataDir,
    databaseUrl: e.DATABASE_URL ?? null,
    authMode,
    wechat: {
      appid: e.WECHAT_APPID ?? null,
      secret: e.WECHAT_SECRET ?? null,
      apiBase: (e.WECHAT_API_BASE ?? 'https://api.weixin.qq.com').replace(/\/+$/, ''),
      timeoutMs: e.WECHAT_TIMEOUT_MS ?? 5000,
    },
    sessionSecret: e.SESSION_SECRET ?? null,
    sessionTtlHours: e.SESSION_TTL_HOURS ?? 168,
    dataKey,
    dataKeyPrevious,
    seedDemo: e.SEED_DEMO ?? !production,
    logLevel: e.LOG_LEVEL ?? 'info',
    staticDir: e.STATIC_DIR ? path.resolve(e.STATIC_DIR) : null,
    adminDir: e.ADMIN_DIR ? path.resolve(e.ADMIN_DIR) : null,
    trustProxy,
    clientIpHeader: e.CLIENT_IP_HEADER?.toLowerCase() ?? null,
    rateLimit: {
      perMinute: e.RATE_LIMIT_PER_MIN ?? 300,
      authPerMinute: e.AUTH_RATE_LIMIT_PER_MIN ?? 20,
    },
    fileUrlTtlSeconds: e.FILE_URL_TTL_SECONDS ?? 3600,
    publicUrl: e.PUBLIC_URL ? e.PUBLIC_URL.replace(/\/+$/, '') : null,
    // Tests drive the clock themselves; one that wants the timer sets JOBS_INTERVAL_SECONDS.
    jobsIntervalSeconds: e.JOBS_INTERVAL_SECONDS ?? (e.NODE_ENV === 'test' ? 0 : 60),
    sessionMaxAgeDays: e.SESSION_MAX_AGE_DAYS ?? 30,
    fileStore,
    s3: fileStore === 's3' ? parseS3(e) : null,
    subscribeTemplates: Object.fromEntries(
      SUBSCRIBE_TEMPLATE_KEYS.map((key) => [key, (e as Record<string, string | undefined>)[SUBSCRIBE_TEMPLATES[key].env] ?? null]),
    ) as Record<SubscribeTemplateKey, string | null>,
    outbox: {
      // Tests drain the outbox themselves; one that wants the timer sets OUTBOX_INTERVAL_SECONDS.
      intervalSeconds: e.OUTBOX_INTERVAL_SECONDS ?? (e.NODE_ENV === 'test' ? 0 : 10),
      dailyQuota: e.SUBSCRIBE_DAILY_QUOTA ?? 100_000,
      miniprogramState: e.WECHAT_MINIPROGRAM_STATE ?? 'formal',
      batchSize: e.OUTBOX_BATCH_SIZE ?? 20,
    },
    uploadQuota: {
      filesPerDay: e.UPLOAD_QUOTA_FILES_PER_DAY ?? 50,
      bytesPerDay: (e.UPLOAD_QUOTA_MB_PER_DAY ?? 100) * 1024 * 1024,
    },
    contentCheck: { wechat: contentCheckWechat, pushToken: e.WECHAT_PUSH_TOKEN ?? null },
    warnings,
  }
}

/**
 * Side effects of a config: create the data directory and, when no SESSION_SECRET
 * is given (development), generate one once and keep it in `<dataDir>/session-secret` (mode 0600).
 */
export async function prepareRuntime(config: Config): Promise<RuntimeConfig> {
  await mkdir(config.dataDir, { recursive: true })
  const sessionSecret = config.sessionSecret ?? (await generatedSecret(config.dataDir))
  const dataKey = config.dataKey ?? (await generatedDataKey(config.dataDir))
  return { ...config, sessionSecret, dataKey }
}

async function readTrimmed(file: string): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).trim()
  } catch {
    return ''
  }
}

async function writePrivate(file: string, text: string): Promise<void> {
  await writeFile(file, text + '\n', { mode: 0o600 })
  await chmod(file, 0o600)
}

async function generatedSecret(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'session-secret')
  let secret = await readTrimmed(file)
  if (secret.length < 32) {
    secret = randomBytes(48).toString('base64url')
    await writePrivate(file, secret)
  }
  return secret
}

/**
 * Development only: the data key in `<dataDir>/data-key` (mode 0600), generated once. An existing but
 * unreadable key is an error rather than silently replaced (data encrypted under it would be lost).
 */
async function generatedDataKey(dataDir: string): Promise<Buffer> {
  const file = path.join(dataDir, 'data-key')
  const text = await readTrimmed(file)
  if (text) {
    const key = parseDataKey(text)
    if (!key) throw new ConfigError('DATA_KEY', `${file} 中的密钥格式不正确`)
    return key
  }
  const generated = generateDataKey()
  await writePrivate(file, generated)
  return parseDataKey(generated)!
}

/** Where uploads were written before they moved to the database / object store (read-only since; see files/store.ts). */
export function uploadsDir(config: Pick<Config, 'dataDir'>): string {
  return path.join(config.dataDir, 'uploads')
}
