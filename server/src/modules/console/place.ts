/**
 * "来自 Chrome · Linux · IP 127.0.0.1": where a console login comes from, as the phone shows it before confirming.
 * From the browser's User-Agent and the client address only (as far as TRUST_PROXY lets us know it) — no geo database.
 */

const BROWSERS: [RegExp, string][] = [
  [/MicroMessenger/i, '微信'],
  [/Edg(e|A|iOS)?\//, 'Edge'],
  [/OPR\/|Opera/, 'Opera'],
  [/Firefox\/|FxiOS\//, 'Firefox'],
  [/Chrome\/|CriOS\/|HeadlessChrome\//, 'Chrome'],
  [/Safari\//, 'Safari'],
]

const SYSTEMS: [RegExp, string][] = [
  [/Windows/, 'Windows'],
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Android/, 'Android'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
]

const pick = (ua: string, table: [RegExp, string][]) => table.find(([re]) => re.test(ua))?.[1]

export function describePlace(userAgent: string | undefined, address: string): string {
  return `来自 ${describeDevice(userAgent)} · IP ${address || '未知'}`
}

/** "Chrome · Linux" (the 审计日志's 设备 column reads the same words). */
export function describeDevice(userAgent: string | undefined | null): string {
  const ua = userAgent ?? ''
  return `${pick(ua, BROWSERS) ?? '未知浏览器'} · ${pick(ua, SYSTEMS) ?? '未知系统'}`
}
