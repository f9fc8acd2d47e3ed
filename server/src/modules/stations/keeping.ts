/**
 * Live status and problem reports: anyone logged in reports a problem (optionally with a photo, sniffed by its bytes;
 * both shown on the station's page once content review lets them, see report()); the station's keeper (a station_keeper grant bound to it, or an admin over its union — the gate
 * decides, server/src/access.ts) sets 正常开放 / 暂停服务 / 已满 (confirming it now) and resolves reports; the reporter
 * gets a message in the same transaction.
 */
import { and, asc, desc, eq, inArray, isNotNull, isNull, like, lt, or } from 'drizzle-orm'
import type { KeeperReport, KeeperReportList, KeptList, PublicReport, StationDetail, UploadedPhoto } from '@contract/stations/schemas'
import type { KeeperStatus } from '@contract/stations/labels'
import { STATION_REPORT_RESOLVED } from '@contract/stations/labels'
import { StationReasons } from '@contract/stations/reasons'
import { pages } from '@contract/pages'
import type { AppDeps } from '../../http/deps'
import type { DbOrTx } from '../../db'
import { orgs } from '../../db/schema/core'
import { stationReports, stations, type StationReportRow } from '../../db/schema/stations'
import type { AuthUser } from '../../auth/sessions'
import { roleGrants, STATION_BOUND_ROLES } from '../../auth/policy'
import { audit } from '../../audit'
import { refuse, refuseAt } from '../../errors'
import { decodeCursor, pageOf } from '../../db/paging'
import { notify } from '../notifications'
import { stationDetail } from './listing'
import { openReportCounts, reportReview, toPublicReport, toSummary } from './views'
import { checkImage, checkText, recordText, SECURITY_SCENES } from '../moderation'

export const REPORT_FILE_KIND = 'stations.report'
/** The files kind of a station's own photos (admins'; deleted when taken off the station, so never a report's). */
export const STATION_PHOTO_KIND = 'stations.photo'

export class StationKeeperService {
  constructor(private readonly deps: AppDeps) {}

  async upload(user: AuthUser, file: { mime: string; bytes: Uint8Array }): Promise<UploadedPhoto> {
    const row = await this.deps.files.save(this.deps.db, { ownerUserId: user.userId, kind: REPORT_FILE_KIND, mime: file.mime, bytes: file.bytes })
    return { id: row.id, mime: row.mime, size: row.size, url: this.deps.files.signedUrl(row.id) }
  }

  /**
   * A problem at the station (饮水机坏了, 门锁着), with an optional photo the reporter uploaded. Others read it on the
   * station's page, so it goes through content review: the text before the transaction (risky → refused beside
   * `description`; held → saved, shown only to its reporter until staff approve), the photo to WeChat after it.
   */
  async report(user: AuthUser, stationId: number, input: { description: string; photoId?: string }): Promise<PublicReport> {
    const [station] = await this.deps.db.select({ id: stations.id, orgId: stations.orgId }).from(stations).where(eq(stations.id, stationId))
    if (!station) throw refuse(StationReasons.STATION_NOT_FOUND)
    const verdict = await checkText(this.deps, { userId: user.userId, scene: SECURITY_SCENES.forum, text: input.description, field: 'description' })
    const link = pages.stations.station.url({ id: stationId })
    const report = await this.deps.db.transaction(async (tx) => {
      if (input.photoId) await ownPhoto(this.deps, tx, user.userId, input.photoId, 'photoId')
      const now = new Date(this.deps.now())
      const [r] = await tx
        .insert(stationReports)
        .values({ stationId, userId: user.userId, description: input.description, photoFileId: input.photoId ?? null, createdAt: now })
        .returning()
      const subject = { kind: 'stations.report' as const, subjectId: r.id, ownerUserId: user.userId, orgId: station.orgId, text: input.description, link }
      if (verdict.outcome === 'hold') await recordText(tx, verdict, subject, now)
      return r
    })
    if (report.photoFileId) {
      await checkImage(this.deps, { kind: 'stations.report_photo', fileId: report.photoFileId, ownerUserId: user.userId, orgId: station.orgId, scene: SECURITY_SCENES.forum, link })
    }
    return toPublicReport(this.deps, report, await reportReview(this.deps.db, [report]), user.userId)!
  }

  /** The stations the caller keeps: those bound to their keeper grants, and every station under an admin's post. */
  async keeping(user: AuthUser): Promise<KeptList> {
    const bound = new Set<number>()
    const paths: string[] = []
    for (const g of user.grants) {
      if (!roleGrants(g.role, 'stations.keep')) continue
      if (STATION_BOUND_ROLES.includes(g.role)) for (const id of g.bindings?.stations ?? []) bound.add(id)
      else paths.push(g.orgPath)
    }
    if (bound.size === 0 && paths.length === 0) return { items: [] }
    const { db } = this.deps
    const rows = await db
      .select({ s: stations, orgName: orgs.name, orgPath: orgs.path })
      .from(stations)
      .innerJoin(orgs, eq(orgs.id, stations.orgId))
      .where(or(bound.size ? inArray(stations.id, [...bound]) : undefined, ...paths.map((p) => like(orgs.path, `${p}%`))))
      .orderBy(asc(stations.id))
      .limit(100)
    // A keeper's binding counts only inside the grant's union subtree (as the policy judges it).
    const mine = rows.filter((r) =>
      user.grants.some(
        (g) =>
          roleGrants(g.role, 'stations.keep') &&
          r.orgPath.startsWith(g.orgPath) &&
          (!STATION_BOUND_ROLES.includes(g.role) || (g.bindings?.stations ?? []).includes(r.s.id)),
      ),
    )
    const counts = await openReportCounts(db, mine.map((r) => r.s.id))
    const now = this.deps.now()
    return {
      items: mine.map((r) => {
        const v = toSummary(r.s, r.orgName, counts.get(r.s.id) ?? 0, null, now)
        return { id: v.id, name: v.name, address: v.address, liveStatus: v.liveStatus, confirmedAt: v.confirmedAt, openReports: v.openReports }
      }),
    }
  }

  /** 正常开放 / 暂停服务 / 已满, confirmed now (setting the same status again is the confirmation). */
  async setStatus(user: AuthUser, stationId: number, status: KeeperStatus): Promise<StationDetail> {
    return this.deps.db.transaction(async (tx) => {
      const [s] = await tx.select({ id: stations.id, status: stations.status }).from(stations).where(eq(stations.id, stationId)).for('update')
      if (!s) throw refuse(StationReasons.STATION_NOT_FOUND)
      await tx.update(stations).set({ status, confirmedAt: new Date(this.deps.now()), confirmedBy: user.userId }).where(eq(stations.id, stationId))
      if (s.status !== status) {
        await audit(tx, { actorUserId: user.userId, action: 'stations.status', subjectType: 'station', subjectId: stationId, detail: { from: s.status, to: status } })
      }
      return stationDetail(this.deps, tx, stationId, user.userId)
    })
  }

  /** The station's reports, open or resolved, newest first (keyset on id), with photos. */
  async reports(stationId: number, query: { state: 'open' | 'resolved'; cursor?: string; limit: number }): Promise<KeeperReportList> {
    const after = decodeCursor(query.cursor, ['number'] as const)
    const rows = await this.reportQuery(this.deps.db)
      .where(
        and(
          eq(stationReports.stationId, stationId),
          query.state === 'open' ? isNull(stationReports.resolvedAt) : isNotNull(stationReports.resolvedAt),
          after ? lt(stationReports.id, after[0]) : undefined,
        ),
      )
      .orderBy(desc(stationReports.id))
      .limit(query.limit + 1)
    const { page, nextCursor } = pageOf(rows, query.limit, (r) => [r.r.id])
    return { items: page.map((r) => this.toKeeper(r.r, r.stationName)), nextCursor }
  }

  /** Resolve a report: visible on the station's page at once, and the reporter gets a message. */
  async resolve(user: AuthUser, reportId: number, note: string): Promise<KeeperReport> {
    return this.deps.db.transaction(async (tx) => {
      const [found] = await this.reportQuery(tx).where(eq(stationReports.id, reportId)).for('update', { of: stationReports })
      if (!found) throw refuse(StationReasons.STATION_REPORT_NOT_FOUND)
      if (found.r.resolvedAt) throw refuse(StationReasons.STATION_REPORT_RESOLVED)
      const [r] = await tx
        .update(stationReports)
        .set({ resolvedAt: new Date(this.deps.now()), resolvedBy: user.userId, resolutionNote: note })
        .where(eq(stationReports.id, reportId))
        .returning()
      await notify(tx, {
        userId: r.userId,
        kind: STATION_REPORT_RESOLVED,
        title: '你反馈的驿站问题已处理',
        body: `${found.stationName}：“${r.description}”已处理。${note}`,
        link: pages.stations.station.url({ id: r.stationId }),
      })
      await audit(tx, { actorUserId: user.userId, action: 'stations.report.resolve', subjectType: 'station_report', subjectId: reportId, detail: { stationId: r.stationId } })
      return this.toKeeper(r, found.stationName)
    })
  }

  private reportQuery(db: DbOrTx) {
    return db
      .select({ r: stationReports, stationName: stations.name })
      .from(stationReports)
      .innerJoin(stations, eq(stations.id, stationReports.stationId))
  }

  /** The keeper (staff) sees every report and photo, whatever content review says of them. */
  private toKeeper(r: StationReportRow, stationName: string): KeeperReport {
    return {
      id: r.id,
      description: r.description,
      createdAt: r.createdAt.toISOString(),
      resolvedAt: r.resolvedAt ? r.resolvedAt.toISOString() : null,
      resolutionNote: r.resolutionNote,
      notice: null,
      stationId: r.stationId,
      stationName,
      photo: r.photoFileId ? { id: r.photoFileId, url: this.deps.files.signedUrl(r.photoFileId) } : null,
    }
  }
}

/** A photo the user uploaded (an image, not a station's own photo): refused beside `field` otherwise; attached so it is not swept. */
export async function ownPhoto(deps: AppDeps, tx: DbOrTx, userId: number, fileId: string, field: string): Promise<void> {
  const row = await deps.files.find(tx, fileId)
  if (!row || row.ownerUserId !== userId || !row.mime.startsWith('image/') || row.kind === STATION_PHOTO_KIND) throw refuseAt(field, StationReasons.STATION_PHOTO_UNKNOWN)
  await deps.files.attach(tx, [fileId])
}
