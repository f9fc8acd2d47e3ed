/**
 * 居民身份证号码 (GB 11643-1999): 17 digits + a check character (0-9 or X) computed with ISO 7064 MOD 11-2.
 * Zod-free and Taro-free: the server validates with it, the join form shows the same message beside the field.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = '10X98765432'

export type IdCardResult =
  | { ok: true; normalized: string; birthDate: string; gender: 'male' | 'female' }
  | { ok: false; message: string }

export function checkDigit(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]
  return CHECK[sum % 11]
}

export function parseIdNumber(input: string, today: Date = new Date()): IdCardResult {
  const id = input.trim().toUpperCase()
  if (!id) return { ok: false, message: '请输入身份证号码' }
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, message: '身份证号码应为 18 位，最后一位可以是数字或 X' }
  const y = Number(id.slice(6, 10))
  const m = Number(id.slice(10, 12))
  const d = Number(id.slice(12, 14))
  const date = new Date(Date.UTC(y, m - 1, d))
  const realDate = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
  if (!realDate || y < 1900 || date.getTime() > today.getTime()) {
    return { ok: false, message: '身份证号码中的出生日期不正确' }
  }
  if (checkDigit(id.slice(0, 17)) !== id[17]) return { ok: false, message: '身份证号码校验位不正确，请核对后重新输入' }
  return {
    ok: true,
    normalized: id,
    birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    gender: Number(id[16]) % 2 === 1 ? 'male' : 'female',
  }
}

/** 3502**********123X: first 4 and last 4 kept. */
export function maskIdNumber(id: string): string {
  return id.length <= 8 ? '*'.repeat(id.length) : id.slice(0, 4) + '*'.repeat(id.length - 8) + id.slice(-4)
}

/** 138****5678 */
export function maskPhone(phone: string): string {
  return phone.length === 11 ? phone.slice(0, 3) + '****' + phone.slice(7) : phone
}

/** 张*明, 李*, 欧阳**: keep the first and (for 3+ chars) the last character. */
export function maskName(name: string): string {
  const chars = Array.from(name)
  if (chars.length <= 1) return name
  if (chars.length === 2) return chars[0] + '*'
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1]
}

export const PHONE_PATTERN = /^1[3-9]\d{9}$/
