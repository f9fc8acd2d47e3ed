/**
 * The environment the server reads: every variable, its type and range and the Chinese reason a bad value is
 * refused (zod). config.ts turns the parsed environment into the Config the app runs with.
 */
import { z } from 'zod'

export const AUTH_MODES = ['dev', 'wechat', 'cloudhosting'] as const
export type AuthModeName = (typeof AUTH_MODES)[number]
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export const FILE_STORES = ['db', 's3'] as const
export type FileStoreKind = (typeof FILE_STORES)[number]

export const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)

const intIn = (min: number, max: number, message: string) =>
  z.preprocess(
    emptyToUndefined,
    z.coerce
      .number({ error: message })
      .refine((n) => Number.isInteger(n) && n >= min && n <= max, { message })
      .optional(),
  )

const bool = (message: string) =>
  z.preprocess(
    emptyToUndefined,
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: message })
      .transform((v) => v === 'true' || v === '1' || v === 'yes')
      .optional(),
  )

const optionalString = z.preprocess(emptyToUndefined, z.string().optional())

export const EnvSchema = z.object({
  NODE_ENV: optionalString,
  PORT: intIn(1, 65535, '必须是 1–65535 的整数'),
  HOST: optionalString,
  DATA_DIR: optionalString,
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, { message: '必须是 postgres:// 或 postgresql:// 开头的连接串' })
      .optional(),
  ),
  AUTH_MODE: z.preprocess(
    emptyToUndefined,
    z.enum(AUTH_MODES, { error: '必须是 dev、wechat 或 cloudhosting 之一' }).optional(),
  ),
  WECHAT_APPID: optionalString,
  WECHAT_SECRET: optionalString,
  WECHAT_API_BASE: z.preprocess(
    emptyToUndefined,
    z.string().url({ message: '必须是 http(s) 地址' }).optional(),
  ),
  WECHAT_TIMEOUT_MS: intIn(100, 60000, '必须是 100–60000 的整数（毫秒）'),
  SESSION_SECRET: optionalString,
  DATA_KEY: optionalString,
  DATA_KEY_PREVIOUS: optionalString,
  PUBLIC_URL: z.preprocess(emptyToUndefined, z.string().url({ message: '必须是 http(s) 地址' }).optional()),
  SESSION_TTL_HOURS: intIn(1, 24 * 365, '必须是 1–8760 的整数（小时）'),
  SEED_DEMO: bool('必须是 true 或 false'),
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(LOG_LEVELS, { error: `必须是 ${LOG_LEVELS.join('、')} 之一` }).optional(),
  ),
  STATIC_DIR: optionalString,
  ADMIN_DIR: optionalString,
  TRUST_PROXY: optionalString,
  CLIENT_IP_HEADER: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9-]{1,64}$/, { message: '必须是一个 HTTP 头名称，例如 x-original-forwarded-for' })
      .optional(),
  ),
  RATE_LIMIT_PER_MIN: intIn(1, 1_000_000, '必须是正整数'),
  AUTH_RATE_LIMIT_PER_MIN: intIn(1, 1_000_000, '必须是正整数'),
  FILE_URL_TTL_SECONDS: intIn(10, 7 * 24 * 3600, '必须是 10–604800 的整数（秒）'),
  JOBS_INTERVAL_SECONDS: intIn(0, 24 * 3600, '必须是 0–86400 的整数（秒，0 表示关闭定时任务）'),
  SESSION_MAX_AGE_DAYS: intIn(1, 3650, '必须是 1–3650 的整数（天）'),
  FILE_STORE: z.preprocess(emptyToUndefined, z.enum(FILE_STORES, { error: '必须是 db 或 s3' }).optional()),
  S3_ENDPOINT: z.preprocess(emptyToUndefined, z.string().url({ message: '必须是 http(s) 地址' }).optional()),
  S3_BUCKET: optionalString,
  S3_REGION: optionalString,
  S3_ACCESS_KEY_ID: optionalString,
  S3_SECRET_ACCESS_KEY: optionalString,
  S3_SESSION_TOKEN: optionalString,
  S3_FORCE_PATH_STYLE: bool('必须是 true 或 false'),
  S3_PREFIX: z.preprocess(
    emptyToUndefined,
    z.string().regex(/^[A-Za-z0-9/_.-]{0,100}$/, { message: '只能包含字母、数字和 / _ . -' }).optional(),
  ),
  S3_TIMEOUT_MS: intIn(100, 120000, '必须是 100–120000 的整数（毫秒）'),
  WECHAT_TMPL_JOIN_RESULT: optionalString,
  WECHAT_TMPL_VOUCHER_RESULT: optionalString,
  WECHAT_TMPL_EVENT_RESULT: optionalString,
  WECHAT_TMPL_RELIEF_PROGRESS: optionalString,
  WECHAT_TMPL_LEGAL_REPLY: optionalString,
  WECHAT_TMPL_BOOKING_REMINDER: optionalString,
  WECHAT_TMPL_MEMBERSHIP_CHANGE: optionalString,
  WECHAT_MINIPROGRAM_STATE: z.preprocess(
    emptyToUndefined,
    z.enum(['formal', 'trial', 'developer'], { error: '必须是 formal、trial 或 developer 之一' }).optional(),
  ),
  SUBSCRIBE_DAILY_QUOTA: intIn(0, 100_000_000, '必须是非负整数（条/天）'),
  OUTBOX_BATCH_SIZE: intIn(1, 1000, '必须是 1–1000 的整数'),
  OUTBOX_INTERVAL_SECONDS: intIn(0, 24 * 3600, '必须是 0–86400 的整数（秒，0 表示不发送订阅消息）'),
  // content security (内容安全, modules/moderation)
  WECHAT_CONTENT_CHECK: z.preprocess(emptyToUndefined, z.enum(['on', 'off'], { error: '必须是 on 或 off' }).optional()),
  WECHAT_PUSH_TOKEN: z.preprocess(
    emptyToUndefined,
    z.string().regex(/^[A-Za-z0-9]{3,32}$/, { message: '必须是 3–32 位英文字母或数字（与小程序后台“消息推送”的 Token 相同）' }).optional(),
  ),
  UPLOAD_QUOTA_FILES_PER_DAY: intIn(1, 100000, '必须是正整数'),
  UPLOAD_QUOTA_MB_PER_DAY: intIn(1, 1_000_000, '必须是正整数（MB）'),
})

export type Env = z.output<typeof EnvSchema>
