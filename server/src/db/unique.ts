/** Recognising the database's own refusals (a UNIQUE index that kept a rule) in what drizzle throws. */

/**
 * A unique violation (PostgreSQL / PGlite error 23505) — of `constraint` when named, by the driver's constraint
 * field or the constraint's name in the message. drizzle may wrap the driver's error: its causes are looked through.
 */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  type DbError = { code?: string; constraint?: string; message?: string; cause?: unknown }
  for (let e = err as DbError | undefined, i = 0; e && i < 5; e = e.cause as DbError | undefined, i++) {
    if (e.code === '23505') return !constraint || e.constraint === constraint || String(e.message ?? '').includes(constraint)
  }
  return false
}
