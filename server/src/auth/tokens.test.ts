import { pastHalfLife, signFileUrl, signToken, verifyFileUrl, verifyToken } from './tokens'

const SECRET = 'k'.repeat(40)
const NOW = 1_800_000_000_000

describe('session tokens', () => {
  const payload = { sid: 'abc', uid: 7, iat: NOW / 1000, exp: NOW / 1000 + 3600 }

  it('round-trips a signed payload', () => {
    expect(verifyToken(signToken(payload, SECRET), SECRET, NOW)).toEqual({ ok: true, payload })
  })

  it('rejects a tampered payload, signature, other secret or garbage', () => {
    const token = signToken(payload, SECRET)
    const [body, sig] = token.split('.')
    const forged = Buffer.from(JSON.stringify({ ...payload, uid: 1 })).toString('base64url')
    expect(verifyToken(`${forged}.${sig}`, SECRET, NOW)).toEqual({ ok: false, reason: 'signature' })
    const flipped = sig.slice(0, -1) + (sig.endsWith('A') ? 'B' : 'A')
    expect(verifyToken(`${body}.${flipped}`, SECRET, NOW)).toEqual({ ok: false, reason: 'signature' })
    expect(verifyToken(token, 'z'.repeat(40), NOW).ok).toBe(false)
    expect(verifyToken('nonsense', SECRET, NOW)).toEqual({ ok: false, reason: 'malformed' })
    expect(verifyToken('a.b.c', SECRET, NOW)).toEqual({ ok: false, reason: 'malformed' })
  })

  it('expires, and knows its half-life', () => {
    const token = signToken(payload, SECRET)
    expect(verifyToken(token, SECRET, NOW + 3600_000)).toEqual({ ok: false, reason: 'expired' })
    expect(pastHalfLife(payload, NOW + 1000)).toBe(false)
    expect(pastHalfLife(payload, NOW + 1800_000)).toBe(true)
  })
})

describe('file URL signatures', () => {
  it('verify only for the same file, expiry and secret, before expiry', () => {
    const exp = NOW / 1000 + 60
    const sig = signFileUrl('file1', exp, SECRET)
    expect(verifyFileUrl('file1', exp, sig, SECRET, NOW)).toBe(true)
    expect(verifyFileUrl('file2', exp, sig, SECRET, NOW)).toBe(false)
    expect(verifyFileUrl('file1', exp + 60, sig, SECRET, NOW)).toBe(false)
    expect(verifyFileUrl('file1', exp, sig, 'y'.repeat(40), NOW)).toBe(false)
    expect(verifyFileUrl('file1', exp, sig, SECRET, NOW + 61_000)).toBe(false)
    // a session-token signature over the same bytes must not pass as a file signature (domain separation)
    expect(verifyFileUrl('file1', exp, 'x' + sig.slice(1), SECRET, NOW)).toBe(sig.startsWith('x'))
  })
})
