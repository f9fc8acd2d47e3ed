/** What a matrix case is: the request it makes (on union A's targets) and the status each persona must get. */
import type { Cast, PersonaKey } from './world'
import type { Targets } from './targets'
import type { Row } from './grid'

export interface CallSpec {
  params?: Record<string, string | number>
  query?: Record<string, string | number>
  body?: unknown
  /** multipart form data, made fresh for each call */
  form?: () => FormData
  headers?: Record<string, string>
  /** a token of its own for this call (e.g. logout must not end the persona's session) */
  token?: (who: PersonaKey) => Promise<string | null>
}

export interface World {
  cast: Cast
  t: Targets
  /** a fresh session of the persona (for logout) */
  freshToken(who: PersonaKey): Promise<string | null>
  /** memberA's live card code (for verifyCard) */
  cardCode: string
  /** a signed link to memberA's file (for files.download) */
  fileLink: { id: string; exp: string; sig: string }
  /** a fresh console login QR (扫码登录): its ticket and the console's secret */
  consoleTicket(): Promise<{ ticket: string; secret: string }>
}

export interface Case {
  call: (w: World) => CallSpec
  expect: Row
}
