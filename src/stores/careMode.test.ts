/** 关怀模式 in the session store (issue 18): the server keeps the choice; the offer to large-text users comes once. */
import { RootStore } from './RootStore'
import { CARE_OFFERED_KEY, type AuthAdapter } from './SessionStore'
import { MemoryStorage } from './storage'
import { FakeTransport, json, sampleMe, sampleSession } from '../test/fakes'

function setup(storage = new MemoryStorage()) {
  const transport = new FakeTransport()
  const auth: AuthAdapter = { method: 'none', getCode: async () => 'code' }
  const root = new RootStore({ transport, storage, auth })
  root.start()
  return { session: root.session, transport, storage }
}

describe('关怀模式 in SessionStore', () => {
  it('follows the server: a login whose profile says careMode starts in care mode', async () => {
    const { session, transport } = setup()
    transport.reply(() => json(200, { ...sampleSession('tok'), user: { ...sampleMe, careMode: true } }))
    await session.devLogin('member')
    expect(session.careMode).toBe(true)
  })

  it('turning it on sends PATCH /api/me {careMode: true} and keeps what the server answers', async () => {
    const { session, transport } = setup()
    transport.reply(() => json(200, sampleSession('tok')))
    await session.devLogin('member')
    expect(session.careMode).toBe(false)
    transport.reply(() => json(200, { ...sampleMe, careMode: true }))
    const done = session.setCareMode(true)
    expect(session.careMode).toBe(true) // at once, before the server answers
    await done
    expect(transport.requests[1]).toMatchObject({ method: 'PATCH', url: '/api/me', data: { careMode: true } })
    expect(session.careMode).toBe(true)
  })

  it('goes back when the server refuses', async () => {
    const { session, transport } = setup()
    transport.reply(() => json(200, sampleSession('tok')))
    await session.devLogin('member')
    transport.reply(() => json(400, { code: 'VALIDATION', message: '请检查填写的内容', requestId: 'r' }))
    await expect(session.setCareMode(true)).rejects.toBeTruthy()
    expect(session.careMode).toBe(false)
  })

  it('is offered once, only to a signed-in person with large system text', async () => {
    const storage = new MemoryStorage()
    const { session, transport } = setup(storage)
    expect(session.shouldOfferCareMode(true)).toBe(false) // not signed in
    transport.reply(() => json(200, sampleSession('tok')))
    await session.devLogin('member')
    expect(session.shouldOfferCareMode(false)).toBe(false)
    expect(session.shouldOfferCareMode(true)).toBe(true)
    session.dismissCareOffer()
    expect(session.shouldOfferCareMode(true)).toBe(false)
    expect(storage.getItem(CARE_OFFERED_KEY)).toBe('1')
    // the same device after a restart: not offered again
    expect(setup(storage).session.careOffered).toBe(true)
  })
})
