/**
 * A campaign's vouchers as CSV for its managers (UTF-8 with BOM for Excel), times in Asia/Shanghai, holders' names
 * and codes masked (an export is a report, never a way to spend vouchers). Audited.
 */
import { asc, eq } from 'drizzle-orm'
import { VOUCHER_STATES } from '@contract/vouchers/labels'
import { chinaDay, chinaTime } from '../../time'
import type { AppDeps } from '../../http/deps'
import { vouchers } from '../../db/schema/vouchers'
import { audit } from '../../audit'
import type { AuthUser } from '../../auth/sessions'
import { memberDirectory } from '../membership'
import { managedCampaign } from './campaigns'
import { stateOf } from './common'
import { maskCode, maskName } from './mask'

/** A CSV cell: quoted when needed, and formula-looking text defused for Excel. */
function csvCell(value: string): string {
  const v = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v
}

export class CsvExport {
  constructor(private readonly deps: AppDeps) {}

  async exportCsv(user: AuthUser, campaignId: number): Promise<{ filename: string; csv: string }> {
    const now = this.deps.now()
    const { c } = await managedCampaign(this.deps.db, user, campaignId)
    return this.deps.db.transaction(async (tx) => {
      const rows = await tx
        .select({ v: vouchers, name: memberDirectory.name })
        .from(vouchers)
        .leftJoin(memberDirectory, eq(memberDirectory.userId, vouchers.userId))
        .where(eq(vouchers.campaignId, campaignId))
        .orderBy(asc(vouchers.id))
      const lines = [['券码', '领取人', '状态', '领取时间', '使用时间', '使用场馆']]
      for (const { v, name } of rows) {
        lines.push([
          maskCode(v.code),
          maskName(name ?? ''),
          VOUCHER_STATES[stateOf(v, now)],
          chinaTime(v.claimedAt.getTime()),
          v.usedAt ? chinaTime(v.usedAt.getTime()) : '',
          c.venues.find((x) => x.id === v.usedVenueId)?.name ?? '',
        ])
      }
      await audit(tx, {
        actorUserId: user.userId,
        action: 'vouchers.export',
        subjectType: 'voucher_campaign',
        subjectId: campaignId,
        detail: { rows: rows.length },
      })
      const csv = '\uFEFF' + lines.map((l) => l.map(csvCell).join(',')).join('\r\n') + '\r\n'
      return { filename: `${c.title}-券码-${chinaDay(now)}.csv`, csv }
    })
  }
}
