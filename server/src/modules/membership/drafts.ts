/**
 * The join-form draft (入会申请草稿) at rest. `join_drafts.data` holds the non-sensitive fields only; a complete ID
 * number and phone are kept beside them encrypted (`crypto/data.ts`), exactly like an application's, and go back to
 * their owner masked. An incomplete ID number or phone is not kept on the server at all: it stays on the device
 * that typed it (the app keeps its own copy of the form), so no digits of it are ever stored in clear.
 *
 * Drafts written before this (plaintext `data.idNumber` / `data.phone`) are sealed at server start
 * (`sealPlaintextDrafts`, which needs DATA_KEY and so cannot be a SQL migration) and, should one still appear —
 * written by an older instance during a rolling deploy — on the next read of it.
 */
import { eq, sql } from 'drizzle-orm'
import type { JoinDraft, JoinDraftView } from '@contract/membership/schemas'
import { JoinDraft as JoinDraftSchema } from '@contract/membership/schemas'
import { maskIdNumber, maskPhone, parseIdNumber, PHONE_PATTERN } from '@contract/membership/idcard'
import type { DataCipher } from '../../crypto/data'
import type { Db, Tx } from '../../db'
import { joinDrafts } from '../../db/schema/membership'

type DraftRow = typeof joinDrafts.$inferSelect

/** The owner's draft: what goes back to the app, and the kept numbers for a submission that leaves them out. */
export interface KeptDraft {
  view: JoinDraftView
  savedAt: Date
  idNumber: string | null
  phone: string | null
}

/** A complete, valid ID number, normalised; else null. */
function completeIdNumber(value: unknown, today: Date): string | null {
  if (typeof value !== 'string') return null
  const r = parseIdNumber(value, today)
  return r.ok ? r.normalized : null
}

function completePhone(value: unknown): string | null {
  return typeof value === 'string' && PHONE_PATTERN.test(value.trim()) ? value.trim() : null
}

/** Is there plaintext (a key `idNumber` or `phone`) in this row's `data`? */
const PLAINTEXT = sql`${joinDrafts.data} ?| array['idNumber', 'phone']`

function hasPlaintext(row: DraftRow): boolean {
  return 'idNumber' in row.data || 'phone' in row.data
}

/** The values that seal a row written with plaintext: its numbers encrypted (if complete) and out of `data`. */
function sealed(row: DraftRow, cipher: DataCipher, today: Date): Pick<DraftRow, 'data' | 'idNumberEnc' | 'phoneEnc'> {
  const { idNumber, phone, ...data } = row.data
  const id = completeIdNumber(idNumber, today)
  const ph = completePhone(phone)
  return {
    data,
    idNumberEnc: row.idNumberEnc ?? (id ? cipher.encrypt(id) : null),
    phoneEnc: row.phoneEnc ?? (ph ? cipher.encrypt(ph) : null),
  }
}

/**
 * Saves the owner's draft. `idNumber` / `phone` left out keep what is kept; given (even '') they replace it, and
 * only a complete one is kept.
 */
export async function saveJoinDraft(tx: Tx, cipher: DataCipher, userId: number, draft: JoinDraft, now: Date): Promise<void> {
  const { idNumber, phone, ...data } = draft
  const set: Partial<DraftRow> = { data, updatedAt: now }
  if (idNumber !== undefined) {
    const id = completeIdNumber(idNumber, now)
    set.idNumberEnc = id ? cipher.encrypt(id) : null
  }
  if (phone !== undefined) {
    const ph = completePhone(phone)
    set.phoneEnc = ph ? cipher.encrypt(ph) : null
  }
  await tx
    .insert(joinDrafts)
    .values({ userId, data, idNumberEnc: set.idNumberEnc ?? null, phoneEnc: set.phoneEnc ?? null, updatedAt: now })
    .onConflictDoUpdate({ target: joinDrafts.userId, set })
}

/** The owner's draft (null when none or unreadable), sealing it first if it still holds plaintext. */
export async function readJoinDraft(tx: Tx, cipher: DataCipher, userId: number, now: Date): Promise<KeptDraft | null> {
  let [row] = await tx.select().from(joinDrafts).where(eq(joinDrafts.userId, userId))
  if (!row) return null
  if (hasPlaintext(row)) {
    const values = sealed(row, cipher, now)
    await tx.update(joinDrafts).set(values).where(eq(joinDrafts.userId, userId))
    row = { ...row, ...values }
  }
  const parsed = JoinDraftSchema.omit({ idNumber: true, phone: true }).safeParse(row.data)
  if (!parsed.success) return null
  const idNumber = row.idNumberEnc ? cipher.decrypt(row.idNumberEnc) : null
  const phone = row.phoneEnc ? cipher.decrypt(row.phoneEnc) : null
  return {
    view: { ...parsed.data, idNumberMasked: idNumber ? maskIdNumber(idNumber) : null, phoneMasked: phone ? maskPhone(phone) : null },
    savedAt: row.updatedAt,
    idNumber,
    phone,
  }
}

const SEAL_BATCH = 200

/**
 * Encrypts the ID numbers and phones of drafts saved in clear before drafts were sealed (an incomplete one is
 * dropped) and removes them from `data`. Safe with several instances starting at once (rows are taken
 * SKIP LOCKED); returns how many rows it sealed.
 */
export async function sealPlaintextDrafts(db: Db, cipher: DataCipher, now: Date): Promise<number> {
  let total = 0
  for (;;) {
    const n = await db.transaction(async (tx) => {
      const rows = await tx.select().from(joinDrafts).where(PLAINTEXT).limit(SEAL_BATCH).for('update', { skipLocked: true })
      for (const row of rows) {
        await tx.update(joinDrafts).set(sealed(row, cipher, now)).where(eq(joinDrafts.userId, row.userId))
      }
      return rows.length
    })
    total += n
    if (n < SEAL_BATCH) return total
  }
}
