/**
 * The console's draft of 新建福利活动: the form as typed, kept in localStorage at every change (per user), so a reload,
 * a closed tab or a crash loses nothing; removed once the campaign is published. The form itself is the
 * mini-program's (`contract/vouchers/campaign-form.ts`); only where it is kept differs.
 */
import { fromDraft, type FormState } from '@contract/vouchers/campaign-form'

export const CONSOLE_DRAFT_KEY = 'console.campaignDraft.v1.'

export interface DraftStore {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

const store = (): DraftStore | null => (typeof localStorage !== 'undefined' ? localStorage : null)

export function loadDraft(userId: number | string, storage: DraftStore | null = store()): { draft: FormState; savedAt: number } | null {
  try {
    const v = JSON.parse(storage?.getItem(CONSOLE_DRAFT_KEY + userId) ?? 'null') as { draft?: FormState; savedAt?: number } | null
    if (!v || !v.draft || !Array.isArray(v.draft.venues)) return null
    return { draft: fromDraft(v.draft), savedAt: Number(v.savedAt) || 0 }
  } catch {
    return null
  }
}

export function saveDraft(userId: number | string, draft: FormState, storage: DraftStore | null = store()): void {
  try {
    storage?.setItem(CONSOLE_DRAFT_KEY + userId, JSON.stringify({ draft, savedAt: Date.now() }))
  } catch {
    // storage full or off: the form still works, only the draft is not kept
  }
}

export function clearDraft(userId: number | string, storage: DraftStore | null = store()): void {
  try {
    storage?.removeItem(CONSOLE_DRAFT_KEY + userId)
  } catch {
    // nothing kept
  }
}
