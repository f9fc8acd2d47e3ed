/** The roster + check-in workbook (.xlsx through spreadsheet.ts) of an event, for its organisers; audited. */
import { and, eq, ne } from 'drizzle-orm'
import type { AnsweredQuestion } from '@contract/events/schemas'
import { REGISTRATION_STATUSES, isScoredKind } from '@contract/events/labels'
import { EMPLOYMENT_TYPES } from '@contract/membership/labels'
import { eventRegistrations } from '../../db/schema/events'
import { audit } from '../../audit'
import type { AuthUser } from '../../auth/sessions'
import { chinaDate, chinaTime } from '../../time'
import type { EventsContext } from './context'
import { registrationRows, toManaged } from './managed-registrations'
import { rankingOf } from './ranking'
import { writeWorkbook, type Cell } from './spreadsheet'
import { managedEvent } from './store'

const time = (iso: string | null) => (iso ? chinaTime(Date.parse(iso)) : '')

const answerText = (a: AnsweredQuestion): Cell => {
  if (a.value === null) return ''
  if (a.type === 'file') return a.files.length ? `${a.files.length} 个文件` : ''
  return Array.isArray(a.value) ? a.value.join('、') : a.value
}

export function roster({ deps }: EventsContext) {
  return {
    async roster(user: AuthUser, eventId: number): Promise<{ bytes: Buffer; filename: string }> {
      const now = deps.now()
      const { e, managed, rankById } = await deps.db.transaction(async (tx) => {
        const ev = await managedEvent(tx, user, eventId)
        const e = ev.e
        const rows = await registrationRows(tx, and(eq(eventRegistrations.eventId, eventId), ne(eventRegistrations.status, 'cancelled')), 100_000)
        const managed = await toManaged(tx, deps.files, e, rows, now)
        const ranks = isScoredKind(e.kind) ? await rankingOf(tx, e, user.userId, true) : null
        const rankById = new Map(ranks?.items.map((x) => [x.registrationId, x.rank]) ?? [])
        await audit(tx, { actorUserId: user.userId, action: 'events.roster.export', subjectType: 'event', subjectId: eventId, detail: { rows: managed.length } })
        return { e, managed, rankById }
      })
      const team = e.entryMode === 'team'
      const scored = isScoredKind(e.kind)
      const columns = [
        { header: '序号', width: 6 },
        { header: '姓名', width: 10 },
        { header: '会员编号', width: 18 },
        { header: '所属工会', width: 24 },
        { header: '就业形态', width: 12 },
        { header: '状态', width: 10 },
        { header: '候补位次', width: 8 },
        ...(team ? [{ header: '队名', width: 14 }, { header: '队员', width: 30 }] : []),
        ...e.questions.map((q) => ({ header: q.label, width: 18 })),
        { header: '报名时间', width: 17 },
        { header: '签到时间', width: 17 },
        ...(scored ? [{ header: `成绩（${e.scoreUnit}）`, width: 10 }, { header: '名次', width: 6 }] : []),
      ]
      const rows: Cell[][] = managed.map((m, i) => [
        i + 1,
        m.name,
        m.memberNo,
        m.orgName,
        EMPLOYMENT_TYPES[m.employmentType],
        m.team && !m.team.complete && m.status === 'pending' ? `未组满（${m.team.size}/${m.team.minSize} 人）` : REGISTRATION_STATUSES[m.status],
        m.waitlistPosition,
        ...(team ? [m.team?.name ?? '', m.team?.members.map((x) => `${x.name}(${x.memberNo})${x.captain ? '（队长）' : ''}`).join('、') ?? ''] : []),
        ...m.answers.map(answerText),
        time(m.createdAt),
        time(m.checkedInAt),
        ...(scored ? [m.score, rankById.get(m.id) ?? null] : []),
      ])
      const bytes = await writeWorkbook([{ name: '报名名单', columns, rows }])
      return { bytes, filename: `${e.title}-报名名单-${chinaDate(now)}.xlsx` }
    },
  }
}
