import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto'
import { DataCipher, DecryptError, generateDataKey, keyId, parseDataKey } from './data'

const KEY_A = Buffer.alloc(32, 1)
const KEY_B = Buffer.alloc(32, 2)
const KEY_C = Buffer.alloc(32, 3)

/** A value as the code before the keyring wrote it: 'v1.' + base64url(iv | tag | ct), no key id. */
function legacyV1(key: Buffer, plain: string): string {
  const encKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'union-member-app:aes-256-gcm', 32))
  const iv = randomBytes(12)
  const c = createCipheriv('aes-256-gcm', encKey, iv)
  const ct = Buffer.concat([c.update(plain, 'utf8'), c.final()])
  return `v1.${Buffer.concat([iv, c.getAuthTag(), ct]).toString('base64url')}`
}

describe('DataCipher', () => {
  it('round-trips and uses a fresh IV each time', () => {
    const c = new DataCipher(KEY_A)
    const a = c.encrypt('33010619920315162X')
    const b = c.encrypt('33010619920315162X')
    expect(a).not.toBe(b)
    expect(a).not.toContain('3301')
    expect(c.decrypt(a)).toBe('33010619920315162X')
    expect(c.decrypt(c.encrypt('13800138000'))).toBe('13800138000')
  })

  it('outside a rotation writes the format every earlier release reads (no key id), so a rolling deploy is safe', () => {
    const enc = new DataCipher(KEY_A).encrypt('13800138000')
    expect(enc).toMatch(/^v1\.[A-Za-z0-9_-]+$/)
    expect(new DataCipher(KEY_A).isCurrent(enc)).toBe(true)
    expect(new DataCipher(KEY_A).reencrypt(enc)).toBe(enc)
  })

  it('rejects a tampered value or another key', () => {
    const c = new DataCipher(KEY_A, KEY_C) // during a rotation: 'v2.<kid>.…'
    const enc = c.encrypt('13800138000')
    const [v, kid, data] = enc.split('.')
    const raw = Buffer.from(data, 'base64url')
    raw[raw.length - 1] ^= 1
    expect(() => c.decrypt(`${v}.${kid}.${raw.toString('base64url')}`)).toThrow(DecryptError)
    expect(() => new DataCipher(KEY_B).decrypt(enc)).toThrow(DecryptError)
    expect(() => c.decrypt('garbage')).toThrow(DecryptError)
    expect(() => c.decrypt('v2.')).toThrow(DecryptError)
    expect(() => c.decrypt(`v3.${kid}.${data}`)).toThrow(DecryptError)
  })

  it('hashes the normalised ID number with a key', () => {
    const a = new DataCipher(KEY_A)
    expect(a.idHash('11010519491231002x')).toBe(a.idHash('11010519491231002X'))
    expect(a.idHash('11010519491231002X')).toMatch(/^[0-9a-f]{64}$/)
    expect(new DataCipher(KEY_B).idHash('11010519491231002X')).not.toBe(a.idHash('11010519491231002X'))
  })

  it('parses base64 and hex keys of 32 bytes only', () => {
    expect(parseDataKey(KEY_A.toString('hex'))).toEqual(KEY_A)
    expect(parseDataKey(KEY_A.toString('base64'))).toEqual(KEY_A)
    expect(parseDataKey(generateDataKey())).toHaveLength(32)
    expect(parseDataKey('short')).toBeNull()
    expect(parseDataKey(Buffer.alloc(16).toString('base64'))).toBeNull()
  })
})

describe('the keyring (DATA_KEY + DATA_KEY_PREVIOUS)', () => {
  const oldOnly = new DataCipher(KEY_A)
  const rotating = new DataCipher(KEY_B, KEY_A)
  const newOnly = new DataCipher(KEY_B)

  it('names each key by a short id derived from it, which every new ciphertext carries', () => {
    expect(keyId(KEY_A)).toMatch(/^[0-9a-f]{8}$/)
    expect(keyId(KEY_A)).not.toBe(keyId(KEY_B))
    expect(keyId(KEY_A)).not.toContain(KEY_A.toString('hex').slice(0, 8))
    expect(rotating.kid).toBe(keyId(KEY_B))
    expect(rotating.previousKid).toBe(keyId(KEY_A))
    expect(newOnly.previousKid).toBeNull()
    const enc = rotating.encrypt('13800138000')
    expect(enc.startsWith(`v2.${keyId(KEY_B)}.`)).toBe(true)
    expect(rotating.currentPrefix).toBe(`v2.${keyId(KEY_B)}.`)
  })

  it('reads what either key sealed, writes only under the current one', () => {
    const underA = oldOnly.encrypt('33010619920315162X')
    expect(rotating.decrypt(underA)).toBe('33010619920315162X')
    expect(rotating.isCurrent(underA)).toBe(false)
    const underB = rotating.encrypt('33010619920315162X')
    expect(rotating.isCurrent(underB)).toBe(true)
    expect(newOnly.decrypt(underB)).toBe('33010619920315162X')
    expect(() => oldOnly.decrypt(underB)).toThrow(DecryptError)
    // once DATA_KEY_PREVIOUS is gone, what A sealed is unreadable: hence the rotation before removing it
    expect(() => newOnly.decrypt(underA)).toThrow(DecryptError)
    // a kid the keyring does not hold is refused, whatever the bytes
    expect(() => new DataCipher(KEY_C, KEY_B).decrypt(underA)).toThrow(DecryptError)
  })

  it('reads legacy v1 values (no kid) under the current key, then the previous one', () => {
    expect(oldOnly.decrypt(legacyV1(KEY_A, '13800138000'))).toBe('13800138000')
    expect(rotating.decrypt(legacyV1(KEY_A, '13800138000'))).toBe('13800138000')
    expect(rotating.decrypt(legacyV1(KEY_B, '13800138000'))).toBe('13800138000')
    expect(() => newOnly.decrypt(legacyV1(KEY_A, '13800138000'))).toThrow(DecryptError)
    expect(rotating.isCurrent(legacyV1(KEY_B, 'x'))).toBe(false)
  })

  it('re-encrypts under the current key, leaving current values as they are', () => {
    const underA = oldOnly.encrypt('13800138000')
    const moved = rotating.reencrypt(underA)
    expect(rotating.isCurrent(moved)).toBe(true)
    expect(newOnly.decrypt(moved)).toBe('13800138000')
    expect(rotating.reencrypt(moved)).toBe(moved)
    expect(rotating.isCurrent(rotating.reencrypt(legacyV1(KEY_A, 'x')))).toBe(true)
  })

  it('looks people up by both ID hashes during a rotation, and writes the current one', () => {
    const id = '11010519491231002X'
    expect(rotating.idHash(id)).toBe(newOnly.idHash(id))
    expect(rotating.idHashes(id)).toEqual([newOnly.idHash(id), oldOnly.idHash(id)])
    expect(newOnly.idHashes(id)).toEqual([newOnly.idHash(id)])
  })

  it('signs member cards with the current key and accepts either', () => {
    const oldSig = oldOnly.cardMac('m:1').toString('base64url')
    const newSig = rotating.cardMac('m:1').toString('base64url')
    expect(newSig).toBe(newOnly.cardMac('m:1').toString('base64url'))
    expect(rotating.cardMacMatches('m:1', oldSig)).toBe(true)
    expect(rotating.cardMacMatches('m:1', newSig)).toBe(true)
    expect(rotating.cardMacMatches('m:2', newSig)).toBe(false)
    expect(newOnly.cardMacMatches('m:1', oldSig)).toBe(false)
    expect(new DataCipher(KEY_C, KEY_B).cardMacMatches('m:1', oldSig)).toBe(false)
  })

  it('refuses a previous key equal to the current one', () => {
    expect(() => new DataCipher(KEY_A, Buffer.from(KEY_A))).toThrow(/DATA_KEY_PREVIOUS/)
    expect(() => new DataCipher(KEY_A, Buffer.alloc(16))).toThrow(/DATA_KEY_PREVIOUS/)
  })
})
