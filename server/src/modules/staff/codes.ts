/**
 * Invitation codes: 12 characters of a 31-letter alphabet without look-alikes, from the CSPRNG (~2^59 codes). Only
 * the SHA-256 of the normalised code is stored; the code is shown once to whoever created it.
 */
import { createHash, randomInt } from 'node:crypto'
import { STAFF_CODE_ALPHABET, STAFF_CODE_LENGTH, normaliseStaffCode } from '@contract/staff/labels'

export function newStaffCode(): string {
  let out = ''
  for (let i = 0; i < STAFF_CODE_LENGTH; i++) out += STAFF_CODE_ALPHABET[randomInt(STAFF_CODE_ALPHABET.length)]
  return out
}

/** The stored form of a code as typed (normalised first). */
export function hashStaffCode(raw: string): string {
  return createHash('sha256').update(normaliseStaffCode(raw)).digest('hex')
}
