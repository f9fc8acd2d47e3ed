/**
 * Demo 在线预约 (dev seed only): two services of the district federation with slots in the coming week — the
 * 流动体检车 stopping at two places, and 心理咨询 one-to-one sessions.
 */
import type { Tx } from '../../db'
import { bookingServices, bookingSlots } from '../../db/schema/bookings'

export async function seedBookings(tx: Tx, districtId: number, seededAt: number): Promise<void> {
  const day = 86_400_000
  const at = (days: number, hour: number, minute = 0) => {
    const d = new Date(seededAt + days * day)
    d.setUTCHours(hour - 8, minute, 0, 0)
    return d
  }
  const [bus] = await tx
    .insert(bookingServices)
    .values({
      orgId: districtId,
      kind: 'health_bus',
      title: '流动体检车进园区',
      description: '区总工会流动体检车免费为会员做血压、血糖、心电图和视力检查。每个时段名额有限，请按预约时间到场，携带电子会员卡。',
    })
    .returning({ id: bookingServices.id })
  const [talk] = await tx
    .insert(bookingServices)
    .values({
      orgId: districtId,
      kind: 'counselling',
      title: '职工心理咨询（一对一）',
      description: '专业心理咨询师一对一面谈，每次 50 分钟，内容严格保密。',
    })
    .returning({ id: bookingServices.id })
  const stops = ['云溪科技园区东门停车场', '青禾街道社区服务中心门前']
  const slots: (typeof bookingSlots.$inferInsert)[] = []
  for (let d = 1; d <= 6; d++) {
    for (const hour of [9, 14]) {
      slots.push({ serviceId: bus.id, startsAt: at(d, hour), endsAt: at(d, hour + 2), place: stops[d % 2], capacity: 10 })
    }
    if (d % 2 === 1) {
      slots.push({ serviceId: talk.id, startsAt: at(d, 19), endsAt: at(d, 19, 50), place: '云溪区职工服务中心 2 楼心理驿站', capacity: 1 })
    }
  }
  await tx.insert(bookingSlots).values(slots)
}
