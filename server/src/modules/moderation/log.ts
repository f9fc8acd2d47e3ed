/**
 * Where moderation writes which path a check took (WeChat, the word list, not checked). The checks are plain
 * functions other capabilities call with their `deps`; the app's logger is attached to those deps when the
 * moderation plugin registers (routes.ts). Until then (scripts, unit use) the lines go nowhere.
 */
import type { FastifyBaseLogger } from 'fastify'
import type { AppDeps } from '../../http/deps'

export interface ModerationLog {
  info(obj: Record<string, unknown>, msg: string): void
  warn(obj: Record<string, unknown>, msg: string): void
}

const silent: ModerationLog = { info: () => undefined, warn: () => undefined }
const logs = new WeakMap<AppDeps, ModerationLog>()

export function attachModerationLog(deps: AppDeps, log: FastifyBaseLogger): void {
  logs.set(deps, log.child({ module: 'moderation' }))
}

export function moderationLog(deps: AppDeps): ModerationLog {
  return logs.get(deps) ?? silent
}
