/**
 * 发放名单 for the finance office (office console): the cases the caller may pay now — in 公示, the round over, every
 * objection answered, at the caller's 复核 level (the payout's own rule, payability.ts + authority.ts) — as .xlsx.
 * ID numbers (from membership's face) masked, unless `reveal=1`: the full numbers go only to the union that pays the
 * case, and each case is then audited as a sensitive view. Every export is audited (who, how many, which cases).
 */
import { and, asc, eq, isNull, like, lte, notExists, type SQL } from 'drizzle-orm'
import { maskIdNumber } from '@contract/membership/idcard'
import { ReliefReasons } from '@contract/relief/reasons'
import type { PayoutListQuery } from '@contract/relief/schemas'
import type { AppDeps } from '../../http/deps'
import { orgs } from '../../db/schema/core'
import { reliefAidTypes, reliefApplications as a, reliefObjections, reliefRounds } from '../../db/schema/relief'
import { audit } from '../../audit'
import { inSubtree } from '../../auth/policy'
import type { AuthUser } from '../../auth/sessions'
import { refuse } from '../../errors'
import { writeWorkbook } from '../../files/workbook'
import { chinaDate } from '../../time'
import { memberDirectory, memberIdNumbers } from '../membership'
import { typeMap } from './aid-type-store'
import { ReliefAuthority } from './authority'

/** More than a finance office pays in one go; the list says so in its last row when cut. */
export const PAYOUT_LIST_MAX = 5000

export async function payoutList(deps: AppDeps, user: AuthUser, query: PayoutListQuery): Promise<{ bytes: Buffer; filename: string; count: number }> {
  const now = new Date(deps.now())
  return deps.db.transaction(async (tx) => {
    const auth = await ReliefAuthority.of(tx, user)
    const scope = auth.districtWhere()
    if (!scope) throw refuse(ReliefReasons.RELIEF_QUEUE_FORBIDDEN, { level: 'district' })
    let union: SQL | undefined
    let unionName = '全部'
    if (query.orgId !== undefined) {
      const [org] = await tx.select({ path: orgs.path, name: orgs.name }).from(orgs).where(eq(orgs.id, query.orgId))
      if (!org || !auth.allScopes.some((s) => inSubtree(s, org.path))) throw refuse(ReliefReasons.RELIEF_UNION_OUTSIDE)
      union = like(orgs.path, `${org.path}%`)
      unionName = org.name
    }
    const rows = await tx
      .select({ app: a, orgName: orgs.name, orgPath: orgs.path, reviewLevel: reliefAidTypes.reviewLevel, name: memberDirectory.name, memberNo: memberDirectory.memberNo, endsAt: reliefRounds.endsAt })
      .from(a)
      .innerJoin(orgs, eq(orgs.id, a.orgId))
      .innerJoin(reliefAidTypes, eq(reliefAidTypes.key, a.typeKey))
      .innerJoin(reliefRounds, eq(reliefRounds.id, a.roundId))
      .leftJoin(memberDirectory, eq(memberDirectory.userId, a.userId))
      .where(
        and(
          eq(a.stage, 'publicity'),
          lte(reliefRounds.endsAt, now),
          notExists(tx.select({ id: reliefObjections.id }).from(reliefObjections).where(and(eq(reliefObjections.applicationId, a.id), isNull(reliefObjections.answeredAt)))),
          scope,
          union,
          query.typeKey ? eq(a.typeKey, query.typeKey) : undefined,
        ),
      )
      .orderBy(asc(reliefRounds.endsAt), asc(a.id))
      .limit(PAYOUT_LIST_MAX + 1)
    const cut = rows.length > PAYOUT_LIST_MAX
    const payable = rows.slice(0, PAYOUT_LIST_MAX).filter((r) => auth.districtActor(r.orgPath, r.reviewLevel) !== null)
    const reveal = query.reveal === '1'
    const idNumbers = await memberIdNumbers(tx, deps.cipher, payable.map((r) => r.app.userId))
    const types = await typeMap(tx)
    const sheetRows = payable.map((r, i) => {
      const idNumber = idNumbers.get(r.app.userId)
      return [
        i + 1,
        r.app.id,
        r.name ?? '',
        r.memberNo ?? '',
        idNumber ? (reveal ? idNumber : maskIdNumber(idNumber)) : '',
        r.orgName,
        types.get(r.app.typeKey)?.name ?? r.app.typeKey,
        r.app.amount ?? 0,
        chinaDate(r.endsAt.getTime()),
        '',
      ]
    })
    if (cut) sheetRows.push(['', '', `名单超过 ${PAYOUT_LIST_MAX} 条，请按工会或救助类型分批导出`, '', '', '', '', '', '', ''])
    const bytes = await writeWorkbook([
      {
        name: '发放名单',
        columns: [
          { header: '序号', width: 6 }, { header: '案件编号', width: 10 }, { header: '申请人', width: 12 }, { header: '会员编号', width: 16 },
          { header: reveal ? '身份证号' : '身份证号（已脱敏）', width: 22 }, { header: '所属工会', width: 28 }, { header: '救助类型', width: 16 },
          { header: '核定金额（元）', width: 14 }, { header: '公示期满', width: 12 }, { header: '发放备注', width: 20 },
        ],
        rows: sheetRows,
      },
    ])
    const ids = payable.map((r) => r.app.id)
    await audit(tx, {
      actorUserId: user.userId,
      action: 'relief.payout_list.export',
      subjectType: 'relief_payout_list',
      detail: { count: ids.length, ids, revealed: reveal, orgId: query.orgId ?? null, typeKey: query.typeKey ?? null, total: payable.reduce((s, r) => s + (r.app.amount ?? 0), 0) },
    })
    if (reveal) {
      for (const id of ids) {
        await audit(tx, { actorUserId: user.userId, action: 'relief.application.view_sensitive', subjectType: 'relief_application', subjectId: id, detail: { as: 'payer', fields: ['idNumber'], via: 'payout_list' } })
      }
    }
    return { bytes, filename: `发放名单-${unionName}-${chinaDate(now.getTime())}.xlsx`, count: ids.length }
  })
}
