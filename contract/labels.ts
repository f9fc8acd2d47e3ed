/** Helpers for the contract's label maps (`{ key: '中文' }`). Zod-free. */

/** The keys of a label map as a non-empty tuple, the shape `z.enum` takes. */
export function keysOf<T extends Record<string, string>>(labels: T): [keyof T & string, ...(keyof T & string)[]] {
  return Object.keys(labels) as [keyof T & string, ...(keyof T & string)[]]
}
