/**
 * The Fastify application (not listening): logging with request ids, the zod type provider, one error
 * handler, rate limiting, the module plugins, their background jobs, and the H5 build when STATIC_DIR is set.
 *
 * A capability is a module `modules/<cap>/` whose public face (`index.ts`) gives its plugin, registered below; its
 * rules live in its services, built once in `container.ts` (`app.services`).
 */
import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import rateLimit from '@fastify/rate-limit'
import multipart from '@fastify/multipart'
import { z } from 'zod'
import {
  hasZodFastifySchemaValidationErrors,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod'
import { ErrorCodes, type ErrorBody } from '@contract/errors'
import { uploadsDir, type RuntimeConfig } from './config'
import type { Database } from './db'
import { AppError } from './errors'
import type { AppDeps } from './http/deps'
import { SessionService } from './auth/sessions'
import { FileStore } from './files/store'
import { DbBlobs, LegacyDiskBlobs } from './files/backends'
import { S3Blobs } from './files/s3'
import { ClientAddress, rateLimitKeys } from './http/client-address'
import { registerSecurityHeaders } from './http/security-headers'
import { registerRequestOrigin } from './http/request-origin'
import { countsAgainstRateLimit, isAdminPage, isAdminPath, isApiPath, registerAdmin, registerStatic, sendAdminShell, sendAppShell } from './http/static'
import { WechatClient } from './wechat/client'
import { authRoutes } from './modules/auth'
import { systemRoutes } from './modules/system'
import { fileJobs, fileRoutes } from './modules/files'
import { membershipRoutes } from './modules/membership'
import { merchantRoutes } from './modules/merchants'
import { voucherJobs, voucherRoutes } from './modules/vouchers'
import { eventJobs, eventRoutes } from './modules/events'
import { notificationJobs, notificationRoutes } from './modules/notifications'
import { reliefRoutes } from './modules/relief'
import { applicationRoutes } from './modules/applications'
import { staffRoutes } from './modules/staff'
import { unionRoutes } from './modules/unions'
import { legalRoutes } from './modules/legal'
import { bookingJobs, bookingRoutes } from './modules/bookings'
import { privacyJobs, privacyRoutes } from './modules/privacy'
import { stationRoutes } from './modules/stations'
import { moderationRoutes } from './modules/moderation'
import { consoleRoutes } from './modules/console'
import { dashboardRoutes } from './modules/dashboard'
import { auditRoutes } from './modules/audit'
import { DataCipher } from './crypto/data'
import { accessTable } from './access'
import { buildServices } from './container'
import './http/deps'

export const JSON_BODY_LIMIT = 1024 * 1024

export interface BuildAppOptions {
  config: RuntimeConfig
  db: Database
  /** Override the WeChat client (default: built from config when WECHAT_APPID/SECRET are set). */
  wechat?: WechatClient | null
  /** Clock in ms since epoch (tests move it to expire or renew sessions). */
  now?: () => number
  /** Where the log goes (default stdout); tests capture it. */
  logStream?: { write(line: string): void }
}

let zodLocaleSet = false
/** Chinese default messages for zod (once per process). */
export function useChineseZodMessages(): void {
  if (zodLocaleSet) return
  z.config(z.locales.zhCN())
  zodLocaleSet = true
}

export function serverVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8'))
    return String(pkg.version ?? '0.0.0')
  } catch {
    return '0.0.0'
  }
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/

/**
 * A signed file link (`/api/files/<id>?exp=..&sig=..`) is a bearer credential for as long as it lives: its `sig`
 * never goes into a log line (request log, error log) — anyone reading the logs could otherwise fetch the file.
 */
export function scrubSecrets(text: string): string {
  return text.replace(/([?&]sig=)[^&#\s"']*/g, '$1<redacted>')
}

/**
 * One log line per request, when it completes (the request, its status and time), instead of Fastify's two
 * ('incoming request' + 'request completed'): each line is a JSON serialisation and a write to stdout, a measurable
 * share of a cheap read (docs/scale.md). Errors are logged as before.
 */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}
  override requestCompleted(error: unknown, request: FastifyRequest, reply: FastifyReply): void {
    if (error) reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored')
    else reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed')
  }
}

const logSerializers = (client: ClientAddress) => ({
  req(request: FastifyRequest) {
    return {
      method: request.method,
      url: scrubSecrets(request.url),
      host: request.host,
      // The client as far as TRUST_PROXY / CLIENT_IP_HEADER let us know it (behind the gateway: not the gateway).
      remoteAddress: client.of(request),
      remotePort: request.socket?.remotePort,
    }
  },
  err(error: Error & { code?: unknown; statusCode?: unknown }) {
    return {
      type: error?.name ?? typeof error,
      message: scrubSecrets(String(error?.message ?? error)),
      stack: scrubSecrets(error?.stack ?? ''),
      ...(typeof error?.code === 'string' ? { code: error.code } : {}),
      ...(typeof error?.statusCode === 'number' ? { statusCode: error.statusCode } : {}),
    }
  },
})

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  useChineseZodMessages()
  const { config } = options
  const now = options.now ?? Date.now
  const clientAddress = new ClientAddress({ trustProxy: config.trustProxy, clientIpHeader: config.clientIpHeader })

  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: ['req.headers.authorization', 'req.headers["x-wx-openid"]', 'req.headers["x-wx-unionid"]'],
      serializers: logSerializers(clientAddress),
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    bodyLimit: JSON_BODY_LIMIT,
    logController: new OneLinePerRequest(),
    // Addresses: Fastify reads X-Forwarded-For up to the first untrusted hop (request.ip, request.protocol). A hop
    // count it no longer honours; http/client-address.ts reads the client address for rate limits either way.
    trustProxy: config.trustProxy as boolean | string,
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id']
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID()
    },
  })

  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)

  const wechat =
    options.wechat !== undefined
      ? options.wechat
      : config.wechat.appid && config.wechat.secret
        ? new WechatClient({
            baseUrl: config.wechat.apiBase,
            appid: config.wechat.appid,
            secret: config.wechat.secret,
            timeoutMs: config.wechat.timeoutMs,
            now,
          })
        : null

  const sessions = new SessionService({
    db: options.db.db,
    secret: config.sessionSecret,
    ttlHours: config.sessionTtlHours,
    maxAgeDays: config.sessionMaxAgeDays,
    now,
  })
  const deps: AppDeps = {
    config,
    db: options.db.db,
    dbKind: options.db.kind,
    wechat,
    now,
    version: serverVersion(),
    cipher: new DataCipher(config.dataKey, config.dataKeyPrevious),
    access: accessTable(),
    sessions,
    files: new FileStore({
      backend: config.s3 ? new S3Blobs(config.s3) : new DbBlobs(),
      readers: [new LegacyDiskBlobs(uploadsDir(config))],
      secret: config.sessionSecret,
      urlTtlSeconds: config.fileUrlTtlSeconds,
      quota: config.uploadQuota,
      now,
    }),
    clientAddress,
  }
  app.decorate('deps', deps)
  app.decorate('services', buildServices(deps))
  app.decorateRequest('user', null)
  app.decorateRequest('tokenUser', undefined)
  for (const warning of config.warnings) app.log.warn(warning)

  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id)
    done()
  })
  registerSecurityHeaders(app, config.staticDir, deps.clientAddress)
  // Where each request came from, for the audit rows its handler writes (http/request-origin.ts).
  registerRequestOrigin(app, deps.clientAddress)

  // JSON only (plus multipart for uploads): an empty JSON body counts as no body; text/plain is refused (415).
  app.removeContentTypeParser('text/plain')
  const defaultJson = app.getDefaultJsonParser('error', 'error')
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (typeof body === 'string' && body.trim() === '') return done(null, undefined)
    defaultJson(request, body as string, done)
  })

  await app.register(multipart, { limits: { fileSize: 2 * 1024 * 1024, files: 1, fields: 10, parts: 11 } })
  // Counted per session user (token signature checked, no database), else per client address as TRUST_PROXY /
  // CLIENT_IP_HEADER allow us to know it: behind the Cloud Hosting gateway users do not share one bucket.
  // Only the API counts: the H5 app's files and its SPA fallback do not spend the user's budget (http/static.ts).
  await app.register(rateLimit, {
    global: true,
    allowList: (request) => !countsAgainstRateLimit(request),
    max: config.rateLimit.perMinute,
    timeWindow: 60_000,
    keyGenerator: rateLimitKeys(deps.clientAddress, sessions).byUserOrAddress,
    errorResponseBuilder: (_request, context) =>
      new AppError(429, ErrorCodes.RATE_LIMITED, `操作太频繁，请 ${Math.max(1, Math.ceil(context.ttl / 1000))} 秒后再试`),
  })

  app.setErrorHandler((error, request, reply) => sendError(error, request, reply))
  app.setNotFoundHandler((request, reply) => notFound(request, reply, config.staticDir, config.adminDir))

  await app.register(systemRoutes)
  await app.register(authRoutes)
  await app.register(fileRoutes)
  await app.register(membershipRoutes)
  await app.register(merchantRoutes)
  await app.register(voucherRoutes)
  await app.register(eventRoutes)
  await app.register(notificationRoutes)
  await app.register(reliefRoutes)
  await app.register(applicationRoutes)
  await app.register(staffRoutes)
  await app.register(unionRoutes)
  await app.register(legalRoutes)
  await app.register(bookingRoutes)
  await app.register(stationRoutes)
  await app.register(moderationRoutes)
  await app.register(privacyRoutes)
  await app.register(consoleRoutes)
  await app.register(dashboardRoutes)
  await app.register(auditRoutes)
  // Background jobs (JOBS_INTERVAL_SECONDS; off in tests unless set): see jobs.ts.
  await app.register(voucherJobs)
  await app.register(fileJobs)
  await app.register(bookingJobs)
  await app.register(eventJobs)
  await app.register(notificationJobs)
  await app.register(privacyJobs)
  // Every endpoint of the access table must have been registered by a plugin (and every route has a rule: route()).
  const missing = deps.access.unregistered()
  if (missing.length > 0) throw new Error(`access table: no route registered for ${missing.join(', ')}`)

  if (config.staticDir) await registerStatic(app, config.staticDir)
  // The office console (ADMIN_DIR) at /admin: http/static.ts.
  if (config.adminDir) await registerAdmin(app, config.adminDir, !config.staticDir)

  return app
}

function notFound(request: FastifyRequest, reply: FastifyReply, staticDir: string | null, adminDir: string | null) {
  const isApi = isApiPath(request.url)
  const read = request.method === 'GET' || request.method === 'HEAD'
  if (adminDir && isAdminPath(request.url)) {
    if (read && isAdminPage(request.url)) return sendAdminShell(reply, adminDir)
    return reply.code(404).send({ code: ErrorCodes.NOT_FOUND, reason: ErrorCodes.NOT_FOUND, message: '页面不存在', requestId: request.id } satisfies ErrorBody)
  }
  if (!isApi && staticDir && (request.method === 'GET' || request.method === 'HEAD')) return sendAppShell(reply, staticDir)
  const body: ErrorBody = { code: ErrorCodes.NOT_FOUND, reason: ErrorCodes.NOT_FOUND, message: isApi ? '接口不存在' : '页面不存在', requestId: request.id }
  return reply.code(404).send(body)
}

/** Every error → `{ code, message, fields?, requestId }` with a Chinese message. */
function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const { status, body } = describeError(error)
  if (status >= 500) request.log.error({ err: error }, 'request failed')
  else request.log.info({ code: body.code, status }, body.message)
  return reply.code(status).send({ ...body, requestId: request.id } satisfies ErrorBody)
}

/** Every error → its status and body; a body without a more specific reason carries its class as the reason. */
export function describeError(error: unknown): { status: number; body: Omit<ErrorBody, 'requestId'> } {
  const { status, body } = describeErrorClass(error)
  return { status, body: { code: body.code, reason: body.reason ?? body.code, message: body.message, ...(body.fields ? { fields: body.fields } : {}) } }
}

function describeErrorClass(error: unknown): { status: number; body: Omit<ErrorBody, 'requestId' | 'reason'> & { reason?: string } } {
  if (error instanceof AppError) {
    return {
      status: error.statusCode,
      body: { code: error.code, reason: error.reason, message: error.message, ...(error.fields ? { fields: error.fields } : {}) },
    }
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const fields: Record<string, string> = {}
    for (const issue of error.validation) {
      const key = issue.instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.')
      if (key && !(key in fields)) fields[key] = issue.message ?? '格式不正确'
    }
    const first = Object.values(fields)[0]
    const whole = error.validation[0]?.message
    return {
      status: 400,
      body: first
        ? { code: ErrorCodes.VALIDATION, message: first, fields }
        : { code: ErrorCodes.VALIDATION, message: whole ? `请求参数有误：${whole}` : '请求参数有误' },
    }
  }
  const e = error as Partial<FastifyError> & { statusCode?: number }
  switch (e?.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, body: { code: ErrorCodes.INVALID_JSON, message: '请求内容不是有效的 JSON' } }
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_PARTS_LIMIT':
    case 'FST_FILES_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return { status: 413, body: { code: ErrorCodes.PAYLOAD_TOO_LARGE, message: '请求内容过大' } }
    case 'FST_REQ_FILE_TOO_LARGE':
      return { status: 413, body: { code: ErrorCodes.PAYLOAD_TOO_LARGE, message: '图片不能超过 2 MB' } }
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return { status: 415, body: { code: ErrorCodes.UNSUPPORTED_MEDIA_TYPE, message: '不支持的请求内容类型' } }
  }
  const status = typeof e?.statusCode === 'number' ? e.statusCode : 500
  if (status === 413) return { status, body: { code: ErrorCodes.PAYLOAD_TOO_LARGE, message: '请求内容过大' } }
  if (status === 415) return { status, body: { code: ErrorCodes.UNSUPPORTED_MEDIA_TYPE, message: '不支持的请求内容类型' } }
  if (status === 429) return { status, body: { code: ErrorCodes.RATE_LIMITED, message: '操作太频繁，请稍后再试' } }
  if (status === 404) return { status, body: { code: ErrorCodes.NOT_FOUND, message: '接口不存在' } }
  if (status >= 400 && status < 500) return { status, body: { code: ErrorCodes.BAD_REQUEST, message: '请求有误，请检查后重试' } }
  return { status: 500, body: { code: ErrorCodes.INTERNAL, message: '服务器开小差了，请稍后再试' } }
}
