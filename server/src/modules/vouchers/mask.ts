/** How reports and the public draw record show what is not theirs to show in full: holders' names, voucher codes. */

/** A voucher code as reports show it: the first 4 and last 2 characters, e.g. ABCD******XY (unusable at a venue). */
export function maskCode(code: string): string {
  if (code.length <= 6) return '*'.repeat(code.length)
  return `${code.slice(0, 4)}${'*'.repeat(code.length - 6)}${code.slice(-2)}`
}

/** 李小梅 → 李*梅, 李梅 → 李*, 欧阳小梅 → 欧**梅. */
export function maskName(name: string): string {
  const chars = [...name.trim()]
  if (chars.length <= 1) return chars.join('') || '—'
  if (chars.length === 2) return `${chars[0]}*`
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`
}
