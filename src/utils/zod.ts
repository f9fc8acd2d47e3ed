/**
 * The app's zod: config/index.ts aliases `zod` to this file in the Taro builds (H5 and weapp); the server and jest
 * import zod itself. It only sets `jitless` before any schema is built. With JIT on, zod compiles object parsers with
 * `new Function`, and it first probes whether it may with a `new Function('')` when the first object schema is built.
 * The H5 app's Content-Security-Policy has no 'unsafe-eval' (server/src/http/security-headers.ts), so that probe is
 * reported as a violation even though zod catches the refusal (issue 18: on the member card page); a mini-program has
 * no eval at all. The app validates a few forms, for which the interpreted parser is fast enough: same on both.
 */
import * as z from 'zod/v4'

z.config({ jitless: true })

export * from 'zod/v4'
export { z, z as default }
