/** Recognising the database's own refusals (a UNIQUE index that kept a rule) in what drizzle throws. */

/** A unique violation from PostgreSQL / PGlite (drizzle may wrap it), optionally of one constraint. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  for (let e = err as { code?: string; constraint?: string; cause?: unknown } | undefined, i = 0; e && i < 4; i++) {
    if (e.code === '23505') return !constraint || e.constraint === constraint || String((e as Error).message ?? '').includes(constraint)
    e = e.cause as typeof e
  }
  return false
}
