/**
 * 帮扶救助 application form: a step-by-step draft that is never lost. Pure TS (no Taro), tested in node.
 *
 * - Every change goes to the device at once (storage adapter) and to the server debounced, and at once on a
 *   step change (PUT …/draft: the whole form each time, so a late retry can never leave the server half-updated).
 * - When the network is down, the device copy is marked unsynced and a timer retries until the server has it
 *   (「已离线保存，联网后自动同步」).
 * - Reopening merges: the device copy wins only when it was never acknowledged by the server AND is newer than
 *   the server's draft; otherwise the server's draft wins and the stale device copy is dropped.
 * - Submit checks fields, the document checklist and the consent with the contract's own rules first, and maps the
 *   server's per-field messages (`documents.<key>` too) beside the items.
 */
import { makeAutoObservable, runInAction } from 'mobx'
import { reliefApi } from '@contract/relief/api'
import { EDITABLE_STAGES } from '@contract/relief/labels'
import { chinaDate, missingDocuments, ruleAmount, validateFields } from '@contract/relief/rules'
import type { AidField, AidType, ApplicationDetail, DocumentIds, FieldValues, UploadedDocument } from '@contract/relief/schemas'
import type { ApiClient } from '../../../api/client'
import { errorMessage, isApiError } from '../../../api/errors'
import { ErrorCodes } from '@contract/errors'
import type { KeyValueStorage } from '../../../stores/storage'
import type { ReliefTypesStore } from './ReliefTypesStore'

export const RELIEF_DRAFT_PREFIX = 'union.reliefDraft.v1.'
export const SAVE_DEBOUNCE_MS = 1200
export const RESYNC_MS = 8000
export const DOCUMENTS_STEP = 'documents'
export const CONFIRM_STEP = 'confirm'
export const UPLOAD_OFFLINE_MESSAGE = '网络不给力，材料未上传，请联网后重试'
export const CONSENT_MESSAGE = '请勾选同意处理敏感个人信息'

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

/** What the device keeps per application (no file bytes: a file is on the server once uploaded). */
export interface DeviceDraft {
  appId: number
  typeKey: string
  fields: FieldValues
  documents: DocumentIds
  files: Record<string, Omit<UploadedDocument, 'url'>[]>
  consentSensitive: boolean
  step: string
  savedAt: string
  /** The server has acknowledged this exact content. */
  synced: boolean
}

/** idle: nothing typed yet · saving · saved: on the server · offline: on this device only, will sync · error: the server refused */
export type DraftState = 'idle' | 'saving' | 'saved' | 'offline' | 'error'

export type DocStatus = 'uploaded' | 'missing' | 'optional' | 'uploading' | 'error'

function isNetwork(err: unknown): boolean {
  return !isApiError(err) || err.code === ErrorCodes.NETWORK || err.status === 0
}

/** Numeric form text → number when it reads as one, else the text itself (so "12." can still be typed). */
export function parseNumberText(text: string): number | string | null {
  const t = text.trim()
  if (t === '') return null
  const n = Number(t)
  return Number.isFinite(n) && String(n) === t ? n : text
}

export class ApplyStore {
  appId: number | null = null
  app: ApplicationDetail | null = null
  type: AidType | null = null

  fields: FieldValues = {}
  documents: DocumentIds = {}
  files: Record<string, Omit<UploadedDocument, 'url'>[]> = {}
  consentSensitive = false
  step = ''

  loading = false
  loadError: unknown = null
  /** Where the form's content came from on open. */
  restoredFrom: 'server' | 'device' | null = null

  draftState: DraftState = 'idle'
  draftSavedAt: string | null = null
  saveError: string | null = null
  /** The device holds changes the server has not acknowledged. */
  unsynced = false

  fieldErrors: Record<string, string> = {}
  docErrors: Record<string, string> = {}
  consentError: string | null = null
  uploading: Record<string, boolean> = {}
  /** The last upload for this item was refused or failed (its message is in docErrors). */
  uploadFailed: Record<string, boolean> = {}
  submitting = false
  submitError: unknown = null
  withdrawing = false

  private version = 0
  private saveTimer: Timer | null = null
  private resyncTimer: Timer | null = null
  private saving: Promise<void> | null = null
  private readonly now: () => number
  private readonly setTimer: (fn: () => void, ms: number) => Timer
  private readonly clearTimer: (t: Timer) => void

  constructor(private readonly deps: ApplyStoreDeps) {
    this.now = deps.now ?? Date.now
    this.setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms))
    this.clearTimer = deps.clearTimer ?? ((t) => clearTimeout(t))
    makeAutoObservable<ApplyStore, 'deps' | 'version' | 'saveTimer' | 'resyncTimer' | 'saving' | 'now' | 'setTimer' | 'clearTimer'>(this, {
      deps: false,
      version: false,
      saveTimer: false,
      resyncTimer: false,
      saving: false,
      now: false,
      setTimer: false,
      clearTimer: false,
    })
  }

  // ---------- derived ----------

  get editable(): boolean {
    return this.app ? this.app.canEdit && EDITABLE_STAGES.includes(this.app.stage) : this.appId !== null
  }

  /** The type's steps, then the document checklist and the confirm step (consent + submit). */
  get steps(): { key: string; title: string }[] {
    if (!this.type) return []
    return [...this.type.steps, { key: DOCUMENTS_STEP, title: '上传材料' }, { key: CONFIRM_STEP, title: '确认提交' }]
  }

  get stepIndex(): number {
    const i = this.steps.findIndex((s) => s.key === this.step)
    return i < 0 ? 0 : i
  }

  fieldsOf(step: string): AidField[] {
    return (this.type?.fields ?? []).filter((f) => f.step === step)
  }

  get today(): string {
    return chinaDate(new Date(this.now()))
  }

  /** The amount a fixed rule gives for what is typed (金秋助学, 交通补贴), else null. */
  get ruleAmount(): number | null {
    return this.type ? ruleAmount(this.type.amount, this.normalizedFields()) : null
  }

  docStatus(key: string): DocStatus {
    if (this.uploading[key]) return 'uploading'
    if (this.uploadFailed[key]) return 'error'
    if ((this.documents[key]?.length ?? 0) > 0) return 'uploaded'
    const doc = this.type?.documents.find((d) => d.key === key)
    return doc?.required ? 'missing' : 'optional'
  }

  /** Required documents still without a file, by name (shown on the confirm step). */
  get missingDocs(): { key: string; name: string }[] {
    return this.type ? missingDocuments(this.type, this.documents) : []
  }

  /** Documents the reviewer asked for in a return (highlighted in the checklist). */
  get requestedDocKeys(): string[] {
    return this.app?.stage === 'returned' ? (this.app.returnRequest?.documents.map((d) => d.key) ?? []) : []
  }

  private get userKey(): string | null {
    const id = this.deps.userId()
    return id === null || id === undefined ? null : String(id)
  }

  private storageKey(appId: number): string | null {
    const u = this.userKey
    return u ? `${RELIEF_DRAFT_PREFIX}${u}.${appId}` : null
  }

  // ---------- open ----------

  /** Opens an application by id, or starts (or resumes) the caller's draft of a type. */
  async open(target: { id: number } | { typeKey: string }): Promise<void> {
    this.reset()
    this.loading = true
    try {
      await this.deps.types.ensure()
      const detail =
        'id' in target
          ? await this.deps.api.send(reliefApi.detail, { params: { id: target.id } })
          : await this.deps.api.send(reliefApi.start, { body: { typeKey: target.typeKey } })
      runInAction(() => this.applyServer(detail))
    } catch (err) {
      runInAction(() => {
        this.loadError = err
        // Offline: the device copy still opens, so nothing typed is lost.
        if (isNetwork(err)) {
          const device = 'id' in target ? this.readDevice(target.id) : this.findDeviceByType(target.typeKey)
          if (device) this.applyDevice(device)
        }
      })
    } finally {
      runInAction(() => {
        this.loading = false
      })
    }
  }

  private reset(): void {
    this.disposeTimers()
    this.appId = null
    this.app = null
    this.type = null
    this.fields = {}
    this.documents = {}
    this.files = {}
    this.consentSensitive = false
    this.step = ''
    this.loadError = null
    this.restoredFrom = null
    this.draftState = 'idle'
    this.draftSavedAt = null
    this.saveError = null
    this.unsynced = false
    this.fieldErrors = {}
    this.docErrors = {}
    this.consentError = null
    this.uploading = {}
    this.uploadFailed = {}
    this.submitError = null
  }

  private applyServer(detail: ApplicationDetail): void {
    this.app = detail
    this.appId = detail.id
    this.type = this.deps.types.byKey(detail.typeKey)
    const device = this.readDevice(detail.id)
    const serverAt = detail.draftSavedAt ? Date.parse(detail.draftSavedAt) : -Infinity
    const editable = detail.canEdit && EDITABLE_STAGES.includes(detail.stage)
    if (editable && device && !device.synced && Date.parse(device.savedAt) > serverAt) {
      this.applyDevice(device)
      // Push what the server missed while we were offline.
      this.scheduleSave(0)
      return
    }
    if (device) this.removeDevice(detail.id)
    this.fields = { ...detail.fields }
    this.documents = Object.fromEntries(detail.documents.map((d) => [d.key, d.files.map((f) => f.id)]))
    this.files = Object.fromEntries(detail.documents.map((d) => [d.key, d.files.map(({ id, mime, size }) => ({ id, mime, size }))]))
    this.consentSensitive = detail.consentSensitive
    this.step = this.validStep(detail.step)
    this.draftSavedAt = detail.draftSavedAt
    this.draftState = detail.draftSavedAt ? 'saved' : 'idle'
    this.restoredFrom = detail.draftSavedAt ? 'server' : null
  }

  private applyDevice(device: DeviceDraft): void {
    this.appId = device.appId
    if (!this.type) this.type = this.deps.types.byKey(device.typeKey)
    this.fields = { ...device.fields }
    this.documents = { ...device.documents }
    this.files = { ...device.files }
    this.consentSensitive = device.consentSensitive
    this.step = this.validStep(device.step)
    this.draftSavedAt = device.savedAt
    this.draftState = 'offline'
    this.unsynced = !device.synced
    this.restoredFrom = 'device'
  }

  private validStep(step: string | null | undefined): string {
    const keys = this.steps.map((s) => s.key)
    return step && keys.includes(step) ? step : (keys[0] ?? '')
  }

  // ---------- device copy ----------

  private readDevice(appId: number): DeviceDraft | null {
    const key = this.storageKey(appId)
    const raw = key ? this.deps.storage.getItem(key) : null
    if (!raw) return null
    try {
      const d = JSON.parse(raw) as DeviceDraft
      return d && d.appId === appId && typeof d.savedAt === 'string' && d.fields && typeof d.fields === 'object' ? d : null
    } catch {
      return null
    }
  }

  private findDeviceByType(typeKey: string): DeviceDraft | null {
    const u = this.userKey
    if (!u) return null
    const index = this.deps.storage.getItem(`${RELIEF_DRAFT_PREFIX}${u}.type.${typeKey}`)
    const id = index ? Number(index) : NaN
    return Number.isInteger(id) ? this.readDevice(id) : null
  }

  private writeDevice(synced: boolean): void {
    if (this.appId === null) return
    const key = this.storageKey(this.appId)
    if (!key) return
    const typeKey = this.type?.key ?? this.app?.typeKey ?? ''
    const data: DeviceDraft = {
      appId: this.appId,
      typeKey,
      fields: this.fields,
      documents: this.documents,
      files: this.files,
      consentSensitive: this.consentSensitive,
      step: this.step,
      savedAt: this.draftSavedAt ?? new Date(this.now()).toISOString(),
      synced,
    }
    this.deps.storage.setItem(key, JSON.stringify(data))
    if (typeKey) this.deps.storage.setItem(`${RELIEF_DRAFT_PREFIX}${this.userKey}.type.${typeKey}`, String(this.appId))
  }

  private removeDevice(appId: number): void {
    const key = this.storageKey(appId)
    if (key) this.deps.storage.removeItem(key)
    const typeKey = this.type?.key ?? this.app?.typeKey
    if (typeKey && this.userKey) this.deps.storage.removeItem(`${RELIEF_DRAFT_PREFIX}${this.userKey}.type.${typeKey}`)
  }

  /** Something changed: device now, server soon. */
  private changed(): void {
    this.version += 1
    this.unsynced = true
    this.draftSavedAt = new Date(this.now()).toISOString()
    if (this.draftState !== 'offline') this.draftState = 'saving'
    this.writeDevice(false)
    this.scheduleSave(SAVE_DEBOUNCE_MS)
  }

  // ---------- editing ----------

  setField(key: string, value: string | number | null): void {
    if (!this.editable) return
    this.fields = { ...this.fields, [key]: value }
    if (this.fieldErrors[key]) {
      const next = { ...this.fieldErrors }
      delete next[key]
      this.fieldErrors = next
    }
    this.changed()
  }

  setConsent(value: boolean): void {
    if (!this.editable) return
    this.consentSensitive = value
    this.consentError = null
    this.changed()
  }

  /** Moving between steps saves the draft to the server at once (with the step as the resume point). */
  async goTo(step: string): Promise<void> {
    if (!this.steps.some((s) => s.key === step)) return
    this.step = step
    if (this.editable && this.appId !== null) {
      this.version += 1
      this.unsynced = true
      this.writeDevice(false)
      await this.saveNow()
    }
  }

  /**
   * 下一步: checks this step's fields first (messages beside them) and stays when something is wrong; the step
   * bar still lets the applicant move freely (everything is checked again at submit).
   */
  async next(): Promise<boolean> {
    if (this.type && this.editable) {
      const all = validateFields(this.type, this.normalizedFields(), this.today)
      const mine = Object.fromEntries(this.fieldsOf(this.step).filter((f) => all[f.key]).map((f) => [f.key, all[f.key]]))
      if (Object.keys(mine).length > 0) {
        this.fieldErrors = { ...this.fieldErrors, ...mine }
        await this.flush()
        return false
      }
    }
    const s = this.steps[this.stepIndex + 1]
    if (s) await this.goTo(s.key)
    return true
  }

  async prev(): Promise<void> {
    const s = this.steps[this.stepIndex - 1]
    if (s) await this.goTo(s.key)
  }

  /** Uploads one file for a checklist item and attaches it to the draft. Errors stay beside that item. */
  async upload(docKey: string, filePath: string): Promise<boolean> {
    if (!this.editable || this.uploading[docKey]) return false
    this.uploading = { ...this.uploading, [docKey]: true }
    this.uploadFailed = { ...this.uploadFailed, [docKey]: false }
    const clearError = { ...this.docErrors }
    delete clearError[docKey]
    this.docErrors = clearError
    try {
      const res = await this.deps.api.upload(reliefApi.upload, { filePath, name: 'file' })
      runInAction(() => {
        this.documents = { ...this.documents, [docKey]: [...(this.documents[docKey] ?? []), res.id] }
        this.files = { ...this.files, [docKey]: [...(this.files[docKey] ?? []), { id: res.id, mime: res.mime, size: res.size }] }
        this.changed()
      })
      await this.flush()
      return true
    } catch (err) {
      runInAction(() => {
        this.uploadFailed = { ...this.uploadFailed, [docKey]: true }
        this.docErrors = { ...this.docErrors, [docKey]: isNetwork(err) ? UPLOAD_OFFLINE_MESSAGE : (isApiError(err) && err.field('file')) || errorMessage(err) }
      })
      return false
    } finally {
      runInAction(() => {
        const next = { ...this.uploading }
        delete next[docKey]
        this.uploading = next
      })
    }
  }

  removeFile(docKey: string, fileId: string): void {
    if (!this.editable) return
    this.documents = { ...this.documents, [docKey]: (this.documents[docKey] ?? []).filter((id) => id !== fileId) }
    this.files = { ...this.files, [docKey]: (this.files[docKey] ?? []).filter((f) => f.id !== fileId) }
    this.changed()
  }

  // ---------- saving ----------

  /** Form values as the server wants them: numeric fields that read as numbers become numbers. */
  normalizedFields(): FieldValues {
    const out: FieldValues = { ...this.fields }
    for (const f of this.type?.fields ?? []) {
      const v = out[f.key]
      if ((f.kind === 'integer' || f.kind === 'money') && typeof v === 'string') {
        const n = Number(v.trim())
        out[f.key] = v.trim() === '' ? null : Number.isFinite(n) ? n : v
      }
      if (typeof out[f.key] === 'string' && (out[f.key] as string).trim() === '') out[f.key] = null
    }
    return out
  }

  private scheduleSave(ms: number): void {
    if (this.saveTimer) this.clearTimer(this.saveTimer)
    this.saveTimer = this.setTimer(() => {
      this.saveTimer = null
      void this.saveNow()
    }, ms)
  }

  /** Save now if anything is pending (on blur, leaving the page, before submit). */
  async flush(): Promise<void> {
    if (this.saveTimer) {
      this.clearTimer(this.saveTimer)
      this.saveTimer = null
    }
    if (this.saving) await this.saving
    if (this.unsynced) await this.saveNow()
  }

  /** Tries the server; on a network failure keeps the device copy and retries later. */
  async saveNow(): Promise<void> {
    if (this.appId === null || !this.editable) return
    if (this.saving) {
      await this.saving
      if (!this.unsynced) return
    }
    const version = this.version
    const id = this.appId
    const body = { step: this.step, fields: this.normalizedFields(), documents: this.documents, consentSensitive: this.consentSensitive }
    this.draftState = this.draftState === 'offline' ? 'offline' : 'saving'
    const run = (async () => {
      try {
        const res = await this.deps.api.send(reliefApi.saveDraft, { params: { id }, body })
        runInAction(() => {
          if (this.appId !== id) return
          this.saveError = null
          if (this.version === version) {
            this.unsynced = false
            this.draftState = 'saved'
            this.draftSavedAt = res.savedAt
            this.writeDevice(true)
            if (this.resyncTimer) {
              this.clearTimer(this.resyncTimer)
              this.resyncTimer = null
            }
          }
        })
      } catch (err) {
        runInAction(() => {
          if (this.appId !== id) return
          if (isNetwork(err)) {
            this.draftState = 'offline'
            this.scheduleResync()
          } else {
            this.draftState = 'error'
            this.saveError = errorMessage(err)
            if (isApiError(err)) this.mapServerFields(err.fields)
          }
        })
      }
    })()
    this.saving = run
    try {
      await run
    } finally {
      if (this.saving === run) this.saving = null
    }
  }

  private scheduleResync(): void {
    if (this.resyncTimer) return
    this.resyncTimer = this.setTimer(() => {
      this.resyncTimer = null
      if (this.unsynced) void this.saveNow()
    }, RESYNC_MS)
  }

  /** The network came back (or the page came to the front): sync now. */
  async resync(): Promise<void> {
    if (this.resyncTimer) {
      this.clearTimer(this.resyncTimer)
      this.resyncTimer = null
    }
    if (this.unsynced) await this.saveNow()
  }

  // ---------- submit / withdraw ----------

  /** Client check with the contract's rules: field, document and consent messages by item. */
  validate(): boolean {
    if (!this.type) return false
    const fieldErrors = validateFields(this.type, this.normalizedFields(), this.today)
    const docErrors: Record<string, string> = {}
    for (const d of missingDocuments(this.type, this.documents)) docErrors[d.key] = `请上传${d.name}`
    this.fieldErrors = fieldErrors
    this.docErrors = docErrors
    this.consentError = this.consentSensitive ? null : CONSENT_MESSAGE
    return Object.keys(fieldErrors).length === 0 && Object.keys(docErrors).length === 0 && !this.consentError
  }

  /** The first step holding an error (the page goes there after a failed submit). */
  get firstErrorStep(): string | null {
    for (const s of this.steps) {
      if (s.key === DOCUMENTS_STEP && Object.keys(this.docErrors).length > 0) return s.key
      if (s.key === CONFIRM_STEP && this.consentError) return s.key
      if (this.fieldsOf(s.key).some((f) => this.fieldErrors[f.key])) return s.key
    }
    return null
  }

  private mapServerFields(fields: Record<string, string>): void {
    const fe = { ...this.fieldErrors }
    const de = { ...this.docErrors }
    for (const [k, msg] of Object.entries(fields)) {
      if (k.startsWith('documents.')) de[k.slice('documents.'.length)] = msg
      else if (k === 'consentSensitive') this.consentError = msg
      else fe[k] = msg
    }
    this.fieldErrors = fe
    this.docErrors = de
  }

  /** Resolves true when submitted (the page then shows the detail). */
  async submit(): Promise<boolean> {
    if (this.submitting || this.appId === null) return false
    this.submitError = null
    if (!this.validate()) return false
    this.submitting = true
    const id = this.appId
    try {
      await this.flush()
      if (this.unsynced) throw new Error('网络不给力，草稿尚未同步到服务器，请联网后再提交')
      const detail = await this.deps.api.send(reliefApi.submit, { params: { id } })
      runInAction(() => {
        this.removeDevice(id)
        this.app = detail
        this.draftState = 'idle'
      })
      return true
    } catch (err) {
      runInAction(() => {
        if (isApiError(err)) this.mapServerFields(err.fields)
        this.submitError = err
      })
      return false
    } finally {
      runInAction(() => {
        this.submitting = false
      })
    }
  }

  async withdraw(reason?: string): Promise<boolean> {
    if (this.appId === null || this.withdrawing) return false
    this.withdrawing = true
    this.submitError = null
    const id = this.appId
    try {
      const detail = await this.deps.api.send(reliefApi.withdraw, { params: { id }, body: reason ? { reason } : {} })
      runInAction(() => {
        this.disposeTimers()
        this.removeDevice(id)
        this.app = detail
        this.unsynced = false
      })
      return true
    } catch (err) {
      runInAction(() => {
        this.submitError = err
      })
      return false
    } finally {
      runInAction(() => {
        this.withdrawing = false
      })
    }
  }

  private disposeTimers(): void {
    if (this.saveTimer) this.clearTimer(this.saveTimer)
    if (this.resyncTimer) this.clearTimer(this.resyncTimer)
    this.saveTimer = null
    this.resyncTimer = null
  }

  /** Leaving the page: push what is pending, keep the device copy, stop the timers. */
  async close(): Promise<void> {
    await this.flush().catch(() => undefined)
    this.disposeTimers()
  }
}
