/**
 * A campaign's vouchers for its managers, as CSV (UTF-8 with BOM for Excel) or as an .xlsx workbook (exceljs, through
 * files/workbook.ts: the claims, and a sheet of the campaign's figures), times in Asia/Shanghai, holders' names and
 * codes masked (an export is a report, never a way to spend vouchers). Audited, both the same way.
 */
import { asc, eq } from 'drizzle-orm'
import type { CampaignStats } from '@contract/vouchers/schemas'
import { VOUCHER_STATES } from '@contract/vouchers/labels'
import { chinaDay, chinaTime } from '../../time'
import type { AppDeps } from '../../http/deps'
import { vouchers } from '../../db/schema/vouchers'
import { audit } from '../../audit'
import type { AuthUser } from '../../auth/sessions'
import { type Cell, writeWorkbook } from '../../files/workbook'
import { memberDirectory } from '../membership'
import { managedCampaign } from './campaigns'
import { stateOf } from './common'
import { maskCode, maskName } from './mask'

const HEADER = ['券码', '领取人', '状态', '领取时间', '使用时间', '使用场馆']

/** A CSV cell: quoted when needed, and formula-looking text defused for Excel. */
function csvCell(value: string): string {
  const v = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v
}

/** Redeemed of issued, as 37.5% (— when nothing was issued). */
const rate = (redeemed: number, issued: number) => (issued > 0 ? `${Math.round((redeemed / issued) * 1000) / 10}%` : '—')

export class CsvExport {
  constructor(private readonly deps: AppDeps) {}

  /** The campaign's vouchers (masked) in id order, read and audited in one transaction. */
  private async lines(user: AuthUser, campaignId: number, format: 'csv' | 'xlsx') {
    const now = this.deps.now()
    const { c } = await managedCampaign(this.deps.db, user, campaignId)
    return this.deps.db.transaction(async (tx) => {
      const rows = await tx
        .select({ v: vouchers, name: memberDirectory.name })
        .from(vouchers)
        .leftJoin(memberDirectory, eq(memberDirectory.userId, vouchers.userId))
        .where(eq(vouchers.campaignId, campaignId))
        .orderBy(asc(vouchers.id))
      const lines = rows.map(({ v, name }) => [
        maskCode(v.code),
        maskName(name ?? ''),
        VOUCHER_STATES[stateOf(v, now)],
        chinaTime(v.claimedAt.getTime()),
        v.usedAt ? chinaTime(v.usedAt.getTime()) : '',
        c.venues.find((x) => x.id === v.usedVenueId)?.name ?? '',
      ])
      await audit(tx, {
        actorUserId: user.userId,
        action: 'vouchers.export',
        subjectType: 'voucher_campaign',
        subjectId: campaignId,
        detail: format === 'csv' ? { rows: rows.length } : { rows: rows.length, format },
      })
      return { c, lines, day: chinaDay(now) }
    })
  }

  async exportCsv(user: AuthUser, campaignId: number): Promise<{ filename: string; csv: string }> {
    const { c, lines, day } = await this.lines(user, campaignId, 'csv')
    const csv = '\uFEFF' + [HEADER, ...lines].map((l) => l.map(csvCell).join(',')).join('\r\n') + '\r\n'
    return { filename: `${c.title}-券码-${day}.csv`, csv }
  }

  /** The same claims as a workbook, plus a sheet of the figures (`stats`: the managers' stats of this campaign). */
  async exportXlsx(user: AuthUser, campaignId: number, stats: CampaignStats): Promise<{ filename: string; bytes: Buffer }> {
    const { c, lines, day } = await this.lines(user, campaignId, 'xlsx')
    const held = stats.claims - stats.returned
    const figures: Cell[][] = [
      ['券总数', stats.totalStock],
      ['剩余库存', stats.remaining],
      ['已发放', stats.claims],
      ['未使用', stats.unused],
      ['已核销', stats.redemptions],
      ['已过期', stats.expired],
      ['已退回', stats.returned],
      ['候补人数', stats.waitlist],
      ['核销率', rate(stats.redemptions, held)],
      [],
      ['场馆', '核销（张）', '核销率'],
      ...stats.perVenue.map((v): Cell[] => [v.venueName, v.redemptions, rate(v.redemptions, v.stock !== null && v.remaining !== null ? v.stock - v.remaining : held)]),
    ]
    const bytes = await writeWorkbook([
      { name: '领取明细', columns: HEADER.map((header) => ({ header, width: header === '使用场馆' ? 20 : 18 })), rows: lines },
      { name: '活动数据', columns: [{ header: c.title, width: 20 }, { header: '', width: 14 }, { header: '', width: 14 }], rows: figures },
    ])
    return { filename: `${c.title}-领取明细-${day}.xlsx`, bytes }
  }
}
