/**
 * Sensitive data at rest: AES-256-GCM for the ID number and phone, and a keyed hash (HMAC-SHA256)
 * of the normalised ID number for uniqueness (one person, one membership) without storing it in clear.
 *
 * One 32-byte DATA_KEY; every purpose gets its own sub-key through HKDF-SHA256 with a distinct label,
 * so the encryption key, the ID-hash key and the member-card key are independent.
 *
 * Ciphertext format: 'v1.' + base64url(iv(12) | tag(16) | ciphertext).
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto'

export const DATA_KEY_BYTES = 32
const VERSION = 'v1'
const IV_BYTES = 12
const TAG_BYTES = 16

/** A 32-byte key from base64 (or base64url) or hex text; null when it is neither. */
export function parseDataKey(text: string): Buffer | null {
  const t = text.trim()
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, 'hex')
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(t)) {
    const b = Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64')
    if (b.length === DATA_KEY_BYTES) return b
  }
  return null
}

export function generateDataKey(): string {
  return randomBytes(DATA_KEY_BYTES).toString('base64')
}

export class DecryptError extends Error {
  constructor() {
    super('ciphertext could not be decrypted (wrong key or tampered)')
    this.name = 'DecryptError'
  }
}

function subKey(key: Buffer, label: string): Buffer {
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `union-member-app:${label}`, 32))
}

export class DataCipher {
  private readonly encKey: Buffer
  private readonly idHashKey: Buffer
  private readonly cardKey: Buffer

  constructor(key: Buffer) {
    if (key.length !== DATA_KEY_BYTES) throw new Error(`DATA_KEY must be ${DATA_KEY_BYTES} bytes`)
    this.encKey = subKey(key, 'aes-256-gcm')
    this.idHashKey = subKey(key, 'id-number-hash')
    this.cardKey = subKey(key, 'member-card')
  }

  encrypt(plain: string): string {
    const iv = randomBytes(IV_BYTES)
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv)
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
    return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64url')}`
  }

  /** Throws DecryptError for a tampered value or one encrypted under another key. */
  decrypt(value: string): string {
    const [version, data] = value.split('.')
    if (version !== VERSION || !data) throw new DecryptError()
    const raw = Buffer.from(data, 'base64url')
    if (raw.length < IV_BYTES + TAG_BYTES) throw new DecryptError()
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.encKey, raw.subarray(0, IV_BYTES))
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES))
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8')
    } catch {
      throw new DecryptError()
    }
  }

  /** Keyed hash of an already normalised ID number (upper-case X): hex HMAC-SHA256. */
  idHash(normalizedIdNumber: string): string {
    return createHmac('sha256', this.idHashKey).update(normalizedIdNumber.trim().toUpperCase()).digest('hex')
  }

  /** HMAC for the e-member card code. */
  cardMac(data: string): Buffer {
    return createHmac('sha256', this.cardKey).update(data).digest()
  }

  cardMacMatches(data: string, sig: string): boolean {
    const expected = this.cardMac(data)
    const given = Buffer.from(sig, 'base64url')
    return given.length === expected.length && timingSafeEqual(given, expected)
  }
}
