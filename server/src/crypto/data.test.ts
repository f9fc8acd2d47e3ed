import { DataCipher, DecryptError, generateDataKey, parseDataKey } from './data'

const KEY_A = Buffer.alloc(32, 1)
const KEY_B = Buffer.alloc(32, 2)

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

  it('rejects a tampered value or another key', () => {
    const c = new DataCipher(KEY_A)
    const enc = c.encrypt('13800138000')
    const raw = Buffer.from(enc.slice(3), 'base64url')
    raw[raw.length - 1] ^= 1
    expect(() => c.decrypt('v1.' + raw.toString('base64url'))).toThrow(DecryptError)
    expect(() => new DataCipher(KEY_B).decrypt(enc)).toThrow(DecryptError)
    expect(() => c.decrypt('garbage')).toThrow(DecryptError)
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
