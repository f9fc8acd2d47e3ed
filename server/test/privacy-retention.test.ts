/**
 * Retention (issue 19), on each database with a movable clock: every active rule of RETENTION_RULES removes exactly
 * what it names on its day — not an hour before, and nothing else on that day. The records are made over HTTP as a
 * user would; the rules are applied by the same function the daily job calls.
 */
import { sql } from 'drizzle-orm'
import { consoleApi } from '@contract/console/api'
import { membershipApi } from '@contract/membership/api'
import { privacyApi } from '@contract/privacy/api'
import { reliefApi } from '@contract/relief/api'
import { RETENTION_RULES } from '@contract/privacy/labels'
import { databases, useDatabase, type TestApp } from './harness'
import { joinDraft, joinForm, idNumber, newUser, orgIdOf, rawRows } from './builders/membership'
import { fill, gigJoins, start, submitCase, upload } from './relief-fixtures'
import { reliefForm, requiredDocuments } from './builders/relief'

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** What each probe counts; a rule's day must change exactly its probes. */
const PROBES = {
  unattached: sql`select count(*)::int as n from files where attached_at is null`,
  filesAttached: sql`select count(*)::int as n from files where attached_at is not null`,
  joinDrafts: sql`select count(*)::int as n from join_drafts`,
  reliefDrafts: sql`select count(*)::int as n from relief_applications where stage = 'draft'`,
  rejectedApplications: sql`select count(*)::int as n from membership_applications where status = 'rejected'`,
  closedReliefWithContent: sql`select count(*)::int as n from relief_applications where stage in ('paid', 'rejected', 'withdrawn') and (documents <> '{}'::jsonb or fields <> '{}'::jsonb or sensitive_enc is not null)`,
  departuresNamed: sql`select count(*)::int as n from membership_departures where anonymised_at is null`,
  notifications: sql`select count(*)::int as n from notifications`,
  sessions: sql`select count(*)::int as n from sessions`,
  exportsReady: sql`select count(*)::int as n from privacy_requests where kind = 'export' and status = 'done'`,
  loginTickets: sql`select count(*)::int as n from console_login_tickets`,
  // never touched by any rule
  memberships: sql`select count(*)::int as n from memberships`,
  applicationsOther: sql`select count(*)::int as n from membership_applications where status <> 'rejected'`,
  reliefCases: sql`select count(*)::int as n from relief_applications where stage <> 'draft'`,
  departures: sql`select count(*)::int as n from membership_departures`,
  audit: sql`select count(*)::int as n from audit_log`,
  users: sql`select count(*)::int as n from users`,
  vouchers: sql`select count(*)::int as n from vouchers`,
}
type Probe = keyof typeof PROBES

describe.each(databases())('retention on %s', (target) => {
  const h = useDatabase(target)
  // Now (rows the database stamps with now() line up with the app's clock), to the minute.
  const T = Math.floor(Date.now() / 60_000) * 60_000
  let clock = T
  const now = () => clock
  let app: TestApp

  beforeAll(async () => {
    app = await h.app({ RATE_LIMIT_PER_MIN: '100000' }, { now })
  })

  const snapshot = async (): Promise<Record<Probe, number>> => {
    const out = {} as Record<Probe, number>
    for (const [k, q] of Object.entries(PROBES)) out[k as Probe] = Number((await rawRows<{ n: number }>(h, q))[0].n)
    return out
  }
  const changed = (a: Record<Probe, number>, b: Record<Probe, number>) => (Object.keys(a) as Probe[]).filter((k) => a[k] !== b[k]).sort()

  it('each rule removes exactly what it names on its day, and nothing else', async () => {
    // --- the records, all made at T
    const member = await app.login('member')
    await upload(app, member) // an upload nobody attaches
    const draft = await start(app, member, 'mutual_aid') // a relief draft with a document
    await fill(app, member, draft.id, reliefForm('mutual_aid'), requiredDocuments('mutual_aid').slice(0, 1))
    const decided = await submitCase(app, member, 'hardship') // a case the member then withdraws: decided, with documents
    await app.ok(reliefApi.withdraw, { token: member, params: { id: decided }, body: { reason: '已解决' } })

    const drafter = await newUser(h, app, '草稿用户') // a join draft
    await app.ok(membershipApi.saveDraft, { token: drafter.token, body: joinDraft({ name: '赵草稿' }) })
    const rejected = await newUser(h, app, '被拒用户') // a rejected joining application
    const gigUnion = await orgIdOf(h, '云溪区新就业形态劳动者联合工会')
    const app1 = await app.ok(membershipApi.submit, { token: rejected.token, body: joinForm({ name: '钱未过', idNumber: idNumber(77), orgId: gigUnion }) })
    const reviewer = await app.login('reviewer')
    await app.ok(membershipApi.reject, { token: reviewer, params: { id: app1.id }, body: { reason: '材料不全' } })

    await gigJoins(app, h.database.db) // a member who leaves
    const gig = await app.login('gig')
    const leaving = await app.ok(privacyApi.requestDeparture, { token: gig, body: {} })
    await app.ok(privacyApi.confirmDeparture, { token: reviewer, params: { id: leaving.id } })

    await app.ok(consoleApi.createTicket, { headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0' } }) // a console QR nobody scanned
    await app.ok(privacyApi.requestExport, { token: member }) // a prepared data copy
    await app.app.services.privacy.exports.prepareDue()

    // --- the days: every active rule; sessions end SESSION_TTL_HOURS (168 h) after the login, then 30 days
    const ttlDays = app.config.sessionTtlHours / 24
    const steps: { day: number; probes: Probe[] }[] = [
      // both a day: unattached uploads and console login tickets past their expiry
      { day: RETENTION_RULES.unattached_uploads.days, probes: ['unattached', 'loginTickets'] },
      { day: RETENTION_RULES.data_exports.days, probes: ['exportsReady', 'filesAttached'] },
      { day: RETENTION_RULES.join_drafts.days, probes: ['joinDrafts'] },
      { day: ttlDays + RETENTION_RULES.sessions.days, probes: ['sessions'] },
      { day: RETENTION_RULES.relief_drafts.days, probes: ['filesAttached', 'reliefDrafts'] },
      { day: RETENTION_RULES.rejected_join_applications.days, probes: ['rejectedApplications'] },
      { day: RETENTION_RULES.notifications.days, probes: ['notifications'] },
      // both three years: decided relief cases' documents and former members' names
      { day: RETENTION_RULES.relief_documents.days, probes: ['closedReliefWithContent', 'departuresNamed', 'filesAttached'] },
    ]
    expect(RETENTION_RULES.departed_members.days).toBe(RETENTION_RULES.relief_documents.days)
    expect(RETENTION_RULES.console_login_tickets.days).toBe(RETENTION_RULES.unattached_uploads.days)

    let before = await snapshot()
    for (const p of ['unattached', 'joinDrafts', 'reliefDrafts', 'rejectedApplications', 'closedReliefWithContent', 'departuresNamed', 'notifications', 'sessions', 'exportsReady', 'loginTickets'] as Probe[]) {
      expect([p, before[p] > 0]).toEqual([p, true])
    }
    const kept = { memberships: before.memberships, reliefCases: before.reliefCases, departures: before.departures, users: before.users, vouchers: before.vouchers }
    for (const step of steps) {
      clock = T + step.day * DAY - 2 * HOUR
      await app.app.services.privacy.retention.applyNow()
      const early = await snapshot()
      expect([step.day, 'early', changed(before, early)]).toEqual([step.day, 'early', []])
      clock = T + step.day * DAY + 2 * HOUR
      await app.app.services.privacy.retention.applyNow()
      const after = await snapshot()
      expect([step.day, changed(before, after)]).toEqual([step.day, [...step.probes].sort()])
      for (const p of step.probes) expect([step.day, p, after[p] < before[p]]).toEqual([step.day, p, true])
      before = after
    }
    // what the rules must not touch is all still there; the rules' own records are at zero where they named all of it
    expect(before).toMatchObject({ ...kept, unattached: 0, joinDrafts: 0, reliefDrafts: 0, rejectedApplications: 0, closedReliefWithContent: 0, departuresNamed: 0, notifications: 0, sessions: 0, exportsReady: 0, loginTickets: 0 })
    const [withdrawn] = await rawRows<{ stage: string; documents: unknown }>(h, sql`select stage, documents from relief_applications where id = ${decided}`)
    expect(withdrawn).toEqual({ stage: 'withdrawn', documents: {} })
    const [former] = await rawRows<{ name: string; member_no: string }>(h, sql`select name, member_no from membership_departures where id = ${leaving.id}`)
    expect(former.name).toBe('已注销用户')
    expect(former.member_no).toBeTruthy()
  })

  it('the daily job runs the rules once per China day, whichever instance comes first', async () => {
    clock = T + 2000 * DAY
    const first = await app.app.services.privacy.retention.daily()
    expect(first).not.toBeNull()
    expect(await app.app.services.privacy.retention.daily()).toBeNull()
    clock += DAY
    expect(await app.app.services.privacy.retention.daily()).not.toBeNull()
  })
})
