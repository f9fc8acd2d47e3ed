/** 关怀模式 (issue 18): the choice is kept on the server, per user, so it follows the member to another phone. */
import { authApi } from '@contract/auth/api'
import { databases, useDatabase } from './harness'

describe.each(databases())('关怀模式 preference on %s', (target) => {
  const h = useDatabase(target)

  it('is off for a new user, turned on with PATCH /api/me, and on again after logging in on another phone', async () => {
    const app = await h.app({ AUTH_MODE: 'dev' })
    const first = await app.call(authApi.devLogin, { body: { persona: 'member' } })
    expect(first.body.user.careMode).toBe(false)

    const on = await app.call(authApi.updateProfile, { token: first.body.token, body: { careMode: true } })
    expect(on.status).toBe(200)
    expect(on.body).toMatchObject({ careMode: true, nickname: '李晓梅' })
    expect((await app.call(authApi.me, { token: first.body.token })).body.careMode).toBe(true)

    // Another phone: a new session of the same member starts in care mode.
    const second = await app.call(authApi.devLogin, { body: { persona: 'member' } })
    expect(second.body.token).not.toBe(first.body.token)
    expect(second.body.user.careMode).toBe(true)

    // Another user is not affected.
    const gig = await app.call(authApi.devLogin, { body: { persona: 'gig' } })
    expect(gig.body.user.careMode).toBe(false)

    // A nickname change leaves the choice alone; turning it off sticks too.
    const renamed = await app.call(authApi.updateProfile, { token: second.body.token, body: { nickname: '李晓梅' } })
    expect(renamed.body.careMode).toBe(true)
    const off = await app.call(authApi.updateProfile, { token: second.body.token, body: { careMode: false } })
    expect(off.body.careMode).toBe(false)
    expect((await app.call(authApi.me, { token: first.body.token })).body.careMode).toBe(false)
  })

  it('refuses a value that is not on/off beside the field, with a 400', async () => {
    const app = await h.app()
    const token = await app.login('member')
    const res = await app.call(authApi.updateProfile, { token, body: { careMode: 'yes' as unknown as boolean } })
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ code: 'VALIDATION', fields: { careMode: '关怀模式只能是开启或关闭' } })
  })
})
