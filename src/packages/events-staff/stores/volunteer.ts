/** 志愿服务 time as staff read it (no Taro): '2 小时 30 分钟', '45 分钟'. */
export function hoursText(minutes: number): string {
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  if (h === 0) return `${m} 分钟`
  return m === 0 ? `${h} 小时` : `${h} 小时 ${m} 分钟`
}
