/**
 * The H5 app's zod: config/index.ts aliases `zod` to this file in the H5 build; the server, jest and the weapp build
 * import zod itself. It only sets `jitless` before any schema is built. With JIT on, zod compiles object parsers with
 * `new Function`, and it first probes whether it may with a `new Function('')` when the first object schema is built.
 * The H5 app's Content-Security-Policy has no 'unsafe-eval' (server/src/http/security-headers.ts), so that probe is
 * reported as a violation even though zod catches the refusal (issue 18: on the member card page). A mini-program has
 * no eval: there zod's probe fails quietly and it runs the same interpreted parsers as here.
 */
import { config } from 'zod/v4/core'

config({ jitless: true })

// Re-exported binding by binding (no namespace object of our own), so the bundles keep only the zod they use.
export * from 'zod/v4'
export { default } from 'zod/v4'
