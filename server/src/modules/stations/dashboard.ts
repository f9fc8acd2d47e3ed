/** 数据看板, the stations' part: the stations of the subtree by their keeper's status now (stations_org_idx). */
import { count } from 'drizzle-orm'
import type { StationFigures } from '@contract/dashboard/schemas'
import { KEEPER_STATUS_LABELS, type KeeperStatus } from '@contract/stations/labels'
import type { DbOrTx } from '../../db'
import { inOrgSubtree, type FigureWindow } from '../../db/org-scope'
import { stations } from '../../db/schema/stations'

export async function stationFigures(db: DbOrTx, w: FigureWindow): Promise<StationFigures> {
  const rows = await db.select({ status: stations.status, n: count() }).from(stations).where(inOrgSubtree(stations.orgId, w.rootPath)).groupBy(stations.status)
  const by = new Map(rows.map((r) => [r.status, Number(r.n)]))
  return {
    total: rows.reduce((s, r) => s + Number(r.n), 0),
    byStatus: (Object.keys(KEEPER_STATUS_LABELS) as KeeperStatus[]).map((s) => ({ key: s, label: KEEPER_STATUS_LABELS[s], count: by.get(s) ?? 0 })),
  }
}
