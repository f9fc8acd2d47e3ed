/**
 * Sensitive data at rest: AES-256-GCM for the ID number and phone, and a keyed hash (HMAC-SHA256)
 * of the normalised ID number for uniqueness (one person, one membership) without storing it in clear.
 *
 * A keyring of one or two 32-byte keys: DATA_KEY (current) and, during a key rotation only, DATA_KEY_PREVIOUS. Every
 * purpose gets its own sub-key through HKDF-SHA256 with a distinct label, so the encryption key, the ID-hash key and
 * the member-card key of a key are independent; so is its key id (`kid`, 8 hex characters, HKDF with its own label:
 * it names the key without revealing anything of it).
 *
 * Ciphertext formats (always under the current key):
 *   'v2.' + kid + '.' + base64url(iv(12) | tag(16) | ciphertext)   written while a rotation is under way (a previous
 *                                                                  key is set): the value says which key sealed it
 *   'v1.' + base64url(iv(12) | tag(16) | ciphertext)               written otherwise (no kid): read by trying the
 *                                                                  current key, then the previous one
 * A 'v2' value is decrypted with the key its kid names; an unknown kid is a DecryptError. Outside a rotation the
 * values stay in the format every earlier release reads, so a rolling deploy of a new release (old and new instances
 * side by side) never meets a value the old instances cannot open.
 *
 * Rotation (`server/src/maintenance/rotate-data-key.ts`, `npm run admin -- rotate-data-key`): instances run with
 * DATA_KEY=new and DATA_KEY_PREVIOUS=old — they read both and write only the new — while the command re-encrypts
 * what the old key sealed. Until it is done a person's row may still carry the previous key's ID hash, so every
 * LOOKUP by ID hash asks for `idHashes(n)` (current and previous) — and every WRITE of an ID hash is the current key's
 * `idHash(n)` beside a current-key ciphertext of the same number (`reencrypt` when copying a row's pair). The UNIQUE
 * indexes on the hash then keep "one person, one membership" under one key, and the lookups across the two.
 * Member-card codes are signed with the current key and accepted under either.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto'

export const DATA_KEY_BYTES = 32
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

function subKey(key: Buffer, label: string, bytes = 32): Buffer {
  return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `union-member-app:${label}`, bytes))
}

/** The key id a key's ciphertexts carry: 8 hex characters derived from the key (not the key). */
export function keyId(key: Buffer): string {
  return subKey(key, 'key-id', 4).toString('hex')
}

/** One key's sub-keys. */
class KeyMaterial {
  readonly kid: string
  readonly encKey: Buffer
  readonly idHashKey: Buffer
  readonly cardKey: Buffer

  constructor(key: Buffer, name: string) {
    if (key.length !== DATA_KEY_BYTES) throw new Error(`${name} must be ${DATA_KEY_BYTES} bytes`)
    this.kid = keyId(key)
    this.encKey = subKey(key, 'aes-256-gcm')
    this.idHashKey = subKey(key, 'id-number-hash')
    this.cardKey = subKey(key, 'member-card')
  }

  open(raw: Buffer): string {
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, raw.subarray(0, IV_BYTES))
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES))
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8')
  }

  idHash(normalizedIdNumber: string): string {
    return createHmac('sha256', this.idHashKey).update(normalizedIdNumber.trim().toUpperCase()).digest('hex')
  }

  cardMac(data: string): Buffer {
    return createHmac('sha256', this.cardKey).update(data).digest()
  }
}

export class DataCipher {
  private readonly current: KeyMaterial
  private readonly previous: KeyMaterial | null

  /** `previous`: DATA_KEY_PREVIOUS during a rotation (read, never written); it must differ from `key`. */
  constructor(key: Buffer, previous: Buffer | null = null) {
    this.current = new KeyMaterial(key, 'DATA_KEY')
    this.previous = previous ? new KeyMaterial(previous, 'DATA_KEY_PREVIOUS') : null
    if (this.previous && this.previous.kid === this.current.kid) throw new Error('DATA_KEY_PREVIOUS must differ from DATA_KEY')
  }

  /** The current key's id. */
  get kid(): string {
    return this.current.kid
  }

  /** The previous key's id, or null outside a rotation. */
  get previousKid(): string | null {
    return this.previous?.kid ?? null
  }

  /** What every value sealed under the current key starts with (the rotation's SQL looks for the rest). */
  get currentPrefix(): string {
    return `v2.${this.current.kid}.`
  }

  /** Under the current key: 'v2.<kid>.' during a rotation (the rotation finds what is done by it), else 'v1.'. */
  encrypt(plain: string): string {
    const iv = randomBytes(IV_BYTES)
    const cipher = createCipheriv('aes-256-gcm', this.current.encKey, iv)
    const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
    return `${this.previous ? this.currentPrefix : 'v1.'}${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64url')}`
  }

  /** Throws DecryptError for a tampered value or one encrypted under a key this keyring does not hold. */
  decrypt(value: string): string {
    const parts = value.split('.')
    let keys: KeyMaterial[]
    let data: string | undefined
    if (parts[0] === 'v2' && parts.length === 3) {
      const key = [this.current, this.previous].find((k) => k?.kid === parts[1])
      keys = key ? [key] : []
      data = parts[2]
    } else if (parts[0] === 'v1' && parts.length === 2) {
      keys = this.previous ? [this.current, this.previous] : [this.current]
      data = parts[1]
    } else {
      throw new DecryptError()
    }
    const raw = Buffer.from(data, 'base64url')
    if (raw.length < IV_BYTES + TAG_BYTES) throw new DecryptError()
    for (const key of keys) {
      try {
        return key.open(raw)
      } catch {
        // the next key, if any
      }
    }
    throw new DecryptError()
  }

  /** Whether a value is sealed under the current key (by its format and kid; not a decryption). */
  isCurrent(value: string): boolean {
    return value.startsWith(this.currentPrefix) || (!this.previous && value.startsWith('v1.'))
  }

  /** The value sealed under the current key: itself when it is already, else decrypted and encrypted again. */
  reencrypt(value: string): string {
    return this.isCurrent(value) ? value : this.encrypt(this.decrypt(value))
  }

  /** Keyed hash of an already normalised ID number (upper-case X) under the current key: hex HMAC-SHA256. What is written. */
  idHash(normalizedIdNumber: string): string {
    return this.current.idHash(normalizedIdNumber)
  }

  /**
   * The hashes a stored row of this person may carry: the current key's, and during a rotation the previous key's
   * too. Every lookup by ID hash matches any of them (`inArray`).
   */
  idHashes(normalizedIdNumber: string): string[] {
    const hashes = [this.current.idHash(normalizedIdNumber)]
    if (this.previous) hashes.push(this.previous.idHash(normalizedIdNumber))
    return hashes
  }

  /** HMAC for the e-member card code, under the current key. */
  cardMac(data: string): Buffer {
    return this.current.cardMac(data)
  }

  /** A code signed under the current key, or during a rotation under the previous one. */
  cardMacMatches(data: string, sig: string): boolean {
    const given = Buffer.from(sig, 'base64url')
    return [this.current, this.previous].some((key) => {
      if (!key) return false
      const expected = key.cardMac(data)
      return given.length === expected.length && timingSafeEqual(given, expected)
    })
  }
}
