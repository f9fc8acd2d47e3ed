/**
 * The relief draft as data: what one application's draft holds, how it lies on the device (the layout relief has
 * always used, so drafts already on phones keep opening), the small index that finds a type's draft offline, and the
 * DraftSync that keeps it (debounced saves, a retry every RESYNC_MS while offline). Pure TS (no Taro).
 */
import type { ApplicationDetail, DocumentIds, FieldValues, UploadedDocument } from '@contract/relief/schemas'
import { ErrorCodes } from '@contract/errors'
import type { ApiClient } from '../../../api/client'
import { isApiError } from '../../../api/errors'
import { DraftSync, type DeviceCopy } from '../../../stores/DraftSync'
import type { KeyValueStorage } from '../../../stores/storage'
import type { ReliefTypesStore } from './ReliefTypesStore'

export const RELIEF_DRAFT_PREFIX = 'union.reliefDraft.v1.'
export const SAVE_DEBOUNCE_MS = 1200
export const RESYNC_MS = 8000

type Timer = ReturnType<typeof setTimeout>

export interface ApplyStoreDeps {
  api: ApiClient
  storage: KeyValueStorage
  types: ReliefTypesStore
  userId: () => number | string | null
  now?: () => number
  setTimer?: (fn: () => void, ms: number) => Timer
  clearTimer?: (t: Timer) => void
}

export type UploadedFiles = Record<string, Omit<UploadedDocument, 'url'>[]>

/** One application's draft: what goes to the server (PUT …/draft) and, with its time, to the device. */
export interface DraftContent {
  appId: number
  typeKey: string
  fields: FieldValues
  documents: DocumentIds
  /** No file bytes: a file is on the server once uploaded. */
  files: UploadedFiles
  consentSensitive: boolean
  step: string
}

/** The device copy, laid out as relief has always stored it. */
export interface DeviceDraft extends DraftContent {
  savedAt: string
  /** The server has acknowledged this exact content. */
  synced: boolean
}

/** No answer at all (as opposed to the server refusing): keep it on the device and try again. */
export function isNetwork(err: unknown): boolean {
  return !isApiError(err) || err.code === ErrorCodes.NETWORK || err.status === 0
}

export function emptyContent(appId: number, typeKey = ''): DraftContent {
  return { appId, typeKey, fields: {}, documents: {}, files: {}, consentSensitive: false, step: '' }
}

/** The draft as the server has it. */
export function serverContent(detail: ApplicationDetail): DraftContent {
  return {
    appId: detail.id,
    typeKey: detail.typeKey,
    fields: { ...detail.fields },
    documents: Object.fromEntries(detail.documents.map((d) => [d.key, d.files.map((f) => f.id)])),
    files: Object.fromEntries(detail.documents.map((d) => [d.key, d.files.map(({ id, mime, size }) => ({ id, mime, size }))])),
    consentSensitive: detail.consentSensitive,
    step: detail.step ?? '',
  }
}

function deviceLayout(appId: number) {
  return {
    write: ({ draft, savedAt, synced }: DeviceCopy<DraftContent>): DeviceDraft => ({ ...draft, savedAt, synced: synced ?? false }),
    read: (stored: unknown): DeviceCopy<DraftContent> | null => {
      const d = stored as Partial<DeviceDraft> | null
      if (!d || d.appId !== appId || typeof d.savedAt !== 'string' || !d.fields || typeof d.fields !== 'object') return null
      const { savedAt, synced, ...rest } = d
      return { draft: { ...emptyContent(appId), ...rest }, savedAt, synced: synced === true }
    },
  }
}

function userKey(deps: ApplyStoreDeps): string | null {
  const id = deps.userId()
  return id === null || id === undefined ? null : String(id)
}

/** The DraftSync of one application (none: `appId` null, nothing kept), saving through `save`. */
export function reliefDraft(deps: ApplyStoreDeps, appId: number | null, save: (d: DraftContent) => Promise<{ savedAt: string }>): DraftSync<DraftContent> {
  return new DraftSync<DraftContent>(emptyContent(appId ?? 0), {
    storage: deps.storage,
    key: () => {
      const u = userKey(deps)
      return appId === null || u === null ? null : `${RELIEF_DRAFT_PREFIX}${u}.${appId}`
    },
    save: appId === null ? undefined : save,
    retryable: isNetwork,
    debounceMs: SAVE_DEBOUNCE_MS,
    retryMs: [RESYNC_MS],
    deviceFormat: appId === null ? undefined : deviceLayout(appId),
    now: deps.now,
    setTimer: deps.setTimer,
    clearTimer: deps.clearTimer as ((t: unknown) => void) | undefined,
  })
}

/** Which application holds the caller's draft of a type (so the form opens offline from the type chooser). */
export const draftIndex = {
  key(deps: ApplyStoreDeps, typeKey: string): string | null {
    const u = userKey(deps)
    return u && typeKey ? `${RELIEF_DRAFT_PREFIX}${u}.type.${typeKey}` : null
  },
  remember(deps: ApplyStoreDeps, typeKey: string, appId: number): void {
    const key = draftIndex.key(deps, typeKey)
    if (key) deps.storage.setItem(key, String(appId))
  },
  find(deps: ApplyStoreDeps, typeKey: string): number | null {
    const key = draftIndex.key(deps, typeKey)
    const id = key ? Number(deps.storage.getItem(key)) : NaN
    return Number.isInteger(id) && id > 0 ? id : null
  },
  forget(deps: ApplyStoreDeps, typeKey: string): void {
    const key = draftIndex.key(deps, typeKey)
    if (key) deps.storage.removeItem(key)
  },
}
