/** Field limits shared by the zod schemas (server) and the forms (app). Zod-free on purpose. */
export const NICKNAME_MAX = 20
