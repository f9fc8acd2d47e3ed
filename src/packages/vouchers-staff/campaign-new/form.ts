/**
 * 新建福利活动's form on the phone: the form itself, a fresh one and its check against the contract are shared with
 * the office console (`contract/vouchers/campaign-form.ts`); here only the draft kept on the device. No Taro.
 */
import type { KeyValueStorage } from '../../../stores/storage'
import { fromDraft, type FormState } from '@contract/vouchers/campaign-form'

export {
  TIME_FORMAT,
  emptyVenue,
  fromDraft,
  initialForm,
  isBlank,
  toCampaignInput,
  venueSum,
  type FormState,
  type VenueForm,
} from '@contract/vouchers/campaign-form'

/** The device draft, per user (DraftSync's copy: `{ draft, savedAt }`). */
export const DRAFT_KEY = 'union.campaignDraft.v1.'

/** A draft kept before DraftSync (the form itself under the same key), read once so nothing typed is lost. */
export function legacyDraft(storage: KeyValueStorage, key: string): FormState | null {
  try {
    const p = JSON.parse(storage.getItem(key) ?? 'null') as FormState | null
    return p && Array.isArray(p.venues) ? fromDraft(p) : null
  } catch {
    return null
  }
}
