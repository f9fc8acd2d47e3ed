/** POST /api/membership/phone: weapp getPhoneNumber code → phone, through WeChat's phone-number API. */
import { membershipApi } from '@contract/membership/api'
import { databases, useDatabase } from './harness'
import { FAKE_APPID, FAKE_CODES, FAKE_PHONE, FAKE_SECRET, startFakeWechat, type FakeWechat } from './fake-wechat'
import { WechatClient } from '../src/wechat/client'

describe.each(databases())('phone number exchange on %s', (target) => {
  const h = useDatabase(target)
  let fake: FakeWechat
  beforeAll(async () => {
    fake = await startFakeWechat()
  })
  afterAll(async () => {
    await fake.close()
  })
  const env = () => ({ WECHAT_APPID: FAKE_APPID, WECHAT_SECRET: FAKE_SECRET, WECHAT_API_BASE: fake.url })

  it('exchanges a code, caching the access_token and refreshing it once when stale', async () => {
    let clock = Date.now()
    const app = await h.app(env(), { now: () => clock })
    const token = await app.login('gig')
    fake.calls.length = 0

    const first = await app.call(membershipApi.exchangePhone, { token, body: { code: 'phone-ok-1' } })
    expect(first.status).toBe(200)
    expect(first.body).toEqual({ phone: FAKE_PHONE })
    const second = await app.call(membershipApi.exchangePhone, { token, body: { code: 'phone-ok-2' } })
    expect(second.body).toEqual({ phone: FAKE_PHONE })
    expect(fake.calls.filter((c) => c.path === '/cgi-bin/token')).toHaveLength(1)
    const phoneCall = fake.calls.find((c) => c.path === '/wxa/business/getuserphonenumber')
    expect(phoneCall).toMatchObject({ query: { access_token: expect.any(String) }, body: { code: 'phone-ok-1' } })

    // WeChat revokes the token → 40001 → one refresh and a retry
    fake.revokeAccessTokens()
    const retried = await app.call(membershipApi.exchangePhone, { token, body: { code: 'phone-ok-3' } })
    expect(retried.body).toEqual({ phone: FAKE_PHONE })
    expect(fake.calls.filter((c) => c.path === '/cgi-bin/token')).toHaveLength(2)

    // cached until expires_in − 5 min
    clock += (7200 - 5 * 60 + 1) * 1000
    await app.call(membershipApi.exchangePhone, { token, body: { code: 'phone-ok-4' } })
    expect(fake.calls.filter((c) => c.path === '/cgi-bin/token')).toHaveLength(3)
  })

  it('maps WeChat errors to Chinese messages', async () => {
    const app = await h.app(env())
    const token = await app.login('gig')
    const invalid = await app.call(membershipApi.exchangePhone, { token, body: { code: FAKE_CODES.invalid } })
    expect(invalid.status).toBe(400)
    expect(invalid.body).toMatchObject({ reason: 'WECHAT_CODE_INVALID', message: '手机号授权凭证无效，请重新授权' })
    const frequent = await app.call(membershipApi.exchangePhone, { token, body: { code: FAKE_CODES.frequent } })
    expect(frequent.status).toBe(429)
    expect(frequent.body).toMatchObject({ reason: 'WECHAT_TOO_FREQUENT', message: '操作太频繁，请稍后再试' })
    const busy = await app.call(membershipApi.exchangePhone, { token, body: { code: FAKE_CODES.busy } })
    expect(busy.status).toBe(503)
    expect(busy.body).toMatchObject({ reason: 'WECHAT_UNAVAILABLE', message: '微信服务暂时不可用，请稍后重试或手动填写手机号' })
    const empty = await app.call(membershipApi.exchangePhone, { token, body: { code: '' } })
    expect(empty.status).toBe(400)
    expect(empty.body.fields?.code).toBe('缺少手机号授权凭证')
    expect((await app.call(membershipApi.exchangePhone, { body: { code: 'x' } })).status).toBe(401)
  })

  it('without WeChat credentials (dev) asks to type the number', async () => {
    const app = await h.app({}, { wechat: null })
    const token = await app.login('gig')
    const res = await app.call(membershipApi.exchangePhone, { token, body: { code: 'anything' } })
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ reason: 'PHONE_EXCHANGE_UNAVAILABLE', message: '当前环境不支持微信手机号快速验证，请手动填写' })
  })
})

describe('WechatClient access_token', () => {
  it('shares one token fetch between concurrent callers', async () => {
    const fake = await startFakeWechat()
    try {
      const client = new WechatClient({ baseUrl: fake.url, appid: FAKE_APPID, secret: FAKE_SECRET, timeoutMs: 2000 })
      const [a, b] = await Promise.all([client.getAccessToken(), client.getAccessToken()])
      expect(a).toBe(b)
      expect(fake.calls.filter((c) => c.path === '/cgi-bin/token')).toHaveLength(1)
    } finally {
      await fake.close()
    }
  })
})
