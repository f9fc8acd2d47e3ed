/** 电子会员卡: a signed, expiring code; verification by permission — over HTTP on each database. */
import { eq } from 'drizzle-orm'
import { membershipApi } from '@contract/membership/api'
import { databases, useDatabase } from './harness'
import { memberships } from '../src/db/schema'
import { userIdOf } from './builders/membership'

describe.each(databases())('member card on %s', (target) => {
  const h = useDatabase(target)
  // Monday 2026-11-23 10:00 China time
  let clock = new Date('2026-11-23T10:00:00+08:00').getTime()
  const now = () => clock

  it('e-member card: signed, expiring code; verification by permission', async () => {
    const app = await h.app({}, { now })
    const member = await app.login('member')
    const card = await app.ok(membershipApi.card, { token: member })
    expect(card).toMatchObject({
      name: '李晓梅',
      org: { name: '星河物流有限公司工会' },
      memberNo: expect.stringMatching(/^YX2024\d{6}$/),
      employmentType: 'employee',
      joinedAt: new Date('2024-03-15T09:30:00+08:00').toISOString(),
      serverTime: new Date(clock).toISOString(),
      expiresAt: new Date(clock + 60_000).toISOString(),
    })
    const code = card.code

    const venue = await app.login('venue')
    const verify = (token: string, code: string) => app.call(membershipApi.verifyCard, { token, body: { code } })
    const ok = await verify(venue, code)
    expect(ok.status).toBe(200)
    expect(ok.body).toMatchObject({
      result: 'valid',
      message: '有效会员',
      nameMasked: '李*梅',
      orgName: '星河物流有限公司工会',
      memberNo: card.memberNo,
    })
    const reviewer = await app.login('reviewer')
    expect((await verify(reviewer, code)).body.result).toBe('valid')

    // a plain member may not verify
    expect((await verify(member, code)).status).toBe(403)

    // tampered → invalid
    const [body, sig] = code.split('.')
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString())
    const forged = Buffer.from(JSON.stringify({ ...payload, exp: payload.exp + 3600 })).toString('base64url') + '.' + sig
    for (const bad of [forged, 'hello', code.slice(0, -2) + (code.endsWith('AA') ? 'BB' : 'AA')]) {
      const r = await verify(venue, bad)
      expect(r.body).toMatchObject({ result: 'invalid', message: '无法识别的会员码', nameMasked: null })
    }

    // 61 s later → expired
    clock += 61_000
    const expired = await verify(venue, code)
    expect(expired.body).toMatchObject({ result: 'expired', message: '会员码已过期，请会员刷新后重新出示' })

    // a non-member has no card
    const nonMember = await app.call(membershipApi.card, { token: reviewer })
    expect(nonMember.status).toBe(404)
    expect(nonMember.body).toMatchObject({ reason: 'NOT_MEMBER', message: '您还不是工会会员' })

    // membership gone → not_member
    const fresh = (await app.ok(membershipApi.card, { token: member })).code
    await h.database.db.delete(memberships).where(eq(memberships.userId, await userIdOf(h, 'member')))
    const gone = await verify(venue, fresh)
    expect(gone.body).toMatchObject({ result: 'not_member', message: '该会员码对应的会员资格已不存在' })
  })
})
