/**
 * 爱心驿站's part of 注销账号 / 下载我的数据 (issue 19; server/src/personal-data.ts). Erase: the person's problem reports
 * stay for the station's record (open / resolved, dates, the keeper's resolution) without their text or photo (deleted
 * from the file store); their page views and 打卡 become anonymous visits (the usage figures keep their counts).
 */
import { eq } from 'drizzle-orm'
import { stationReports, stationVisits, stations } from '../../db/schema/stations'
import { iso, type PersonalData } from '../../personal-data'

export const stationPersonalData: PersonalData = {
  async erase(tx, ctx) {
    const reports = await tx.select({ photo: stationReports.photoFileId }).from(stationReports).where(eq(stationReports.userId, ctx.userId))
    await tx.update(stationReports).set({ description: '（反馈人已注销，内容已删除）', photoFileId: null }).where(eq(stationReports.userId, ctx.userId))
    const photos = await ctx.deleteFiles(tx, reports.map((r) => r.photo))
    const visits = await tx.update(stationVisits).set({ userId: null }).where(eq(stationVisits.userId, ctx.userId)).returning({ id: stationVisits.id })
    return { reports: reports.length, photos, visits: visits.length }
  },

  async copy(db, ctx) {
    const reports = await db
      .select({ r: stationReports, name: stations.name })
      .from(stationReports)
      .innerJoin(stations, eq(stations.id, stationReports.stationId))
      .where(eq(stationReports.userId, ctx.userId))
    const visits = await db
      .select({ v: stationVisits, name: stations.name })
      .from(stationVisits)
      .innerJoin(stations, eq(stations.id, stationVisits.stationId))
      .where(eq(stationVisits.userId, ctx.userId))
    return [
      {
        title: '驿站问题反馈',
        rows: reports.map(({ r, name }) => ({ 驿站: name, 内容: r.description, 有照片: !!r.photoFileId, 反馈时间: iso(r.createdAt), 处理时间: iso(r.resolvedAt), 处理说明: r.resolutionNote })),
      },
      { title: '驿站访问与打卡', rows: visits.map(({ v, name }) => ({ 驿站: name, 类型: v.kind === 'checkin' ? '打卡' : '浏览', 时间: iso(v.at) })) },
    ]
  },
}
