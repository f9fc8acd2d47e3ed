/** Money as people read it (pure: no Taro). */

/** ¥3,000 (whole yuan) / ¥1,234.5 (form money keeps its decimals) / — when there is none. */
export function yuanText(amount: number | null | undefined): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return '—'
  const [int, dec] = String(Math.abs(amount)).split('.')
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${amount < 0 ? '-' : ''}¥${grouped}${dec ? `.${dec}` : ''}`
}
