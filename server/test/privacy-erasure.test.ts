/**
 * 注销账号 (issue 19), over HTTP on each database: the cooling-off period (a login cancels), then the shredder — the
 * whole database holds none of the person's name, ID-number ciphertext or hash, phone, documents or messages, while
 * the relief payout amount and the audit entries remain; the same WeChat account then logs in as a new, empty user.
 */
import { eq, sql } from 'drizzle-orm'
import { authApi } from '@contract/auth/api'
import { membershipApi } from '@contract/membership/api'
import { privacyApi } from '@contract/privacy/api'
import { vouchersApi } from '@contract/vouchers/api'
import { databases, useDatabase, type TestApp } from './harness'
import { DAY, T0, campaign, createCampaign, voucherOrgIds } from './builders/vouchers'
import { rawRows, userIdOf } from './builders/membership'
import { pgDump, selectDump } from './builders/privacy'
import { submitCase } from './relief-fixtures'
import { reliefApplications } from '../src/db/schema'

describe.each(databases())('注销账号 on %s', (target) => {
  const h = useDatabase(target)
  let clock = T0
  const now = () => clock
  let app: TestApp

  beforeAll(async () => {
    app = await h.app({ RATE_LIMIT_PER_MIN: '100000' }, { now })
  })

  it('注销 → cancelled by logging in again during the cooling-off period; the shredder then leaves the account alone', async () => {
    const gig = await app.login('gig')
    const refused = await app.call(privacyApi.requestErasure, { token: gig, body: { confirm: false as never } })
    expect(refused.status).toBe(400)
    expect(refused.body.fields?.confirm).toBe('请确认已阅读注销后果')

    const requested = await app.ok(privacyApi.requestErasure, { token: gig, body: { confirm: true } })
    expect(requested).toMatchObject({ status: 'pending', dueAt: new Date(T0 + 7 * DAY).toISOString() })
    // logged out everywhere
    expect((await app.call(authApi.me, { token: gig })).status).toBe(401)

    clock = T0 + 3 * DAY
    const again = await app.login('gig')
    const overview = await app.ok(privacyApi.overview, { token: again })
    expect(overview.erasure).toMatchObject({ id: requested.id, status: 'cancelled', cancelledBy: 'login', cancelledAt: new Date(clock).toISOString() })

    clock = T0 + 8 * DAY
    expect(await app.app.services.privacy.erasure.runDue()).toBe(0)
    const me = await app.ok(authApi.me, { token: again })
    expect(me.nickname).toBe('王小骑')
    clock = T0
  })

  it('注销 → after the period nothing of the person is left in the database but the kept amounts and audit entries; the same WeChat account starts afresh', async () => {
    const db = h.database.db
    const admin = await app.login('admin')
    const member = await app.login('member')
    const userId = await userIdOf(h, 'member')
    const { cipher } = app.app.deps

    // What the person has: a membership (seed), a voucher, a relief case with documents and sensitive values, paid.
    const orgIds = await voucherOrgIds(db)
    const c = await createCampaign(app, admin, campaign({ orgId: orgIds.district, title: '注销测试电影券', totalStock: 5 }))
    const voucher = await app.ok(vouchersApi.claim, { token: member, params: { id: c.id }, body: {} })
    expect(voucher.voucher.state).toBe('unused')
    const caseId = await submitCase(app, member, 'hardship')
    // The payout flow itself is relief-flow.test.ts's; here the case is simply recorded as paid.
    await db
      .update(reliefApplications)
      .set({ stage: 'paid', amount: 20000, payout: { paidOn: '2026-11-29', method: 'bank_transfer', reference: 'YH20261129001', recordedAt: new Date(T0).toISOString(), recordedByUserId: userId } })
      .where(eq(reliefApplications.id, caseId))

    const [m] = await rawRows<{ id_number_enc: string; id_hash: string; name: string }>(h, sql`select id_number_enc, id_hash, name from memberships where user_id = ${userId}`)
    const idNumber = cipher.decrypt(m.id_number_enc)
    const [rc] = await rawRows<{ sensitive_enc: string; documents: Record<string, string[]> }>(h, sql`select sensitive_enc, documents from relief_applications where id = ${caseId}`)
    const documentIds = Object.values(rc.documents).flat()
    const messages = await rawRows<{ body: string }>(h, sql`select body from notifications where user_id = ${userId}`)
    const auditBefore = await rawRows<{ id: number }>(h, sql`select id from audit_log`)
    expect(m.name).toBe('李晓梅')
    expect(documentIds.length).toBeGreaterThan(0)
    expect(rc.sensitive_enc).toBeTruthy()
    expect(messages.length).toBeGreaterThan(0)

    const req = await app.ok(privacyApi.requestErasure, { token: member, body: { confirm: true } })
    clock = T0 + 7 * DAY - 60_000
    expect(await app.app.services.privacy.erasure.runDue()).toBe(0)
    clock = T0 + 7 * DAY + 60_000
    expect(await app.app.services.privacy.erasure.runDue()).toBe(1)
    expect(await app.app.services.privacy.erasure.runDue()).toBe(0) // exactly once

    const dumps: [string, string][] = [['SELECT of every table', await selectDump(h)]]
    const pg = await pgDump(h)
    if (target.name === 'postgres') {
      expect(pg).not.toBeNull()
      dumps.push(['pg_dump', pg!])
    }
    for (const [, dump] of dumps) {
      expect(dump).toContain('已注销用户')
      for (const secret of ['李晓梅', idNumber, m.id_number_enc, m.id_hash, rc.sensitive_enc, ...documentIds]) {
        expect(dump.split('\n').filter((line) => line.includes(secret))).toEqual([])
      }
    }
    expect(await rawRows(h, sql`select 1 from notifications where user_id = ${userId}`)).toHaveLength(0)
    expect(await rawRows(h, sql`select 1 from files where owner_user_id = ${userId}`)).toHaveLength(0)
    expect(await rawRows(h, sql`select 1 from sessions where user_id = ${userId}`)).toHaveLength(0)

    // kept: the amount paid and its record; every audit entry (the actor anonymised)
    const [kept] = await rawRows<{ amount: number; stage: string; fields: unknown }>(h, sql`select amount, stage, fields from relief_applications where id = ${caseId}`)
    expect(kept).toMatchObject({ amount: 20000, stage: 'paid', fields: {} })
    const auditAfter = new Set((await rawRows<{ id: number }>(h, sql`select id from audit_log`)).map((r) => r.id))
    expect(auditBefore.every((r) => auditAfter.has(r.id))).toBe(true)
    const [erased] = await rawRows<{ detail: Record<string, Record<string, number>> }>(h, sql`select detail from audit_log where action = 'privacy.erased'`)
    expect(erased.detail.vouchers.vouchersReturned).toBe(1)
    expect(erased.detail.relief.documents).toBe(documentIds.length)
    // the voucher went back to the stock: another member can have it
    const stats = await app.ok(vouchersApi.campaignStats, { token: await app.login('admin'), params: { id: c.id } })
    expect(stats.remaining).toBe(5)
    const [request] = await rawRows<{ status: string; user_id: number | null }>(h, sql`select status, user_id from privacy_requests where id = ${req.id}`)
    expect(request).toEqual({ status: 'done', user_id: null })

    // the same WeChat account: a new user, no membership
    const fresh = await app.login('member')
    const me = await app.ok(authApi.me, { token: fresh })
    expect(me.id).not.toBe(userId)
    expect((await app.ok(membershipApi.mine, { token: fresh })).membership).toBeNull()
    expect((await app.call(membershipApi.card, { token: fresh })).status).toBe(404)
    const [old] = await rawRows<{ nickname: string; openid: string }>(h, sql`select nickname, openid from users where id = ${userId}`)
    expect(old.nickname).toBe('已注销用户')
    expect(old.openid).toMatch(/^erased:/)
  })
})
