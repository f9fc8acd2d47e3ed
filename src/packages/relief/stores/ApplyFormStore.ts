/**
 * 帮扶救助 application form, first of three layers (form → documents → submission, `ApplyStore` is the whole): the
 * draft, its steps and fields, and their checks. Pure TS (no Taro), tested in node.
 *
 * - The draft is a `DraftSync`: every change on the device at once, on the server debounced and at once on a step
 *   change (PUT …/draft: the whole form each time, so a late retry can never leave the server half-updated). With
 *   no network the device copy is kept and the save retried every RESYNC_MS (「已离线保存，联网后自动同步」).
 * - Reopening: the device copy wins only when the server never acknowledged it AND it is newer than the server's
 *   draft; otherwise the server's draft wins and the stale device copy is dropped. With no network the device copy
 *   opens (found by the type through a small index when the form is opened by type).
 * - 下一步 checks the step's fields with the contract's own rules; a save the server refuses puts its per-field
 *   messages beside the fields.
 */
import { action, computed, makeObservable, observable, runInAction, toJS } from 'mobx'
import { reliefApi } from '@contract/relief/api'
import { EDITABLE_STAGES } from '@contract/relief/labels'
import { chinaDate, ruleAmount, validateFields } from '@contract/relief/rules'
import type { AidField, AidType, ApplicationDetail, DocumentIds, FieldValues } from '@contract/relief/schemas'
import { errorMessage, isApiError } from '../../../api/errors'
import type { DraftSync } from '../../../stores/DraftSync'
import {
  draftIndex,
  emptyContent,
  isNetwork,
  reliefDraft,
  serverContent,
  type ApplyStoreDeps,
  type DraftContent,
  type UploadedFiles,
} from './reliefDraft'

export const DOCUMENTS_STEP = 'documents'
export const CONFIRM_STEP = 'confirm'

/** idle: nothing typed yet · saving · saved: on the server · offline: on this device only, will sync · error: the server refused */
export type DraftState = 'idle' | 'saving' | 'saved' | 'offline' | 'error'

/** Numeric form text → number when it reads as one, else the text itself (so "12." can still be typed). */
export function parseNumberText(text: string): number | string | null {
  const t = text.trim()
  if (t === '') return null
  const n = Number(t)
  return Number.isFinite(n) && String(n) === t ? n : text
}

export class ApplyFormStore {
  appId: number | null = null
  app: ApplicationDetail | null = null
  type: AidType | null = null
  /** The step on screen (also the resume point saved with the draft). */
  step = ''

  loading = false
  loadError: unknown = null
  /** Where the form's content came from on open. */
  restoredFrom: 'server' | 'device' | null = null
  /** The server refused the last save (its message). */
  saveError: string | null = null

  fieldErrors: Record<string, string> = {}
  consentError: string | null = null

  /** The last save found no network, or the form opened from the device copy: 已离线保存. */
  protected offline = false
  protected draft: DraftSync<DraftContent>

  constructor(protected readonly deps: ApplyStoreDeps) {
    this.draft = this.newDraft(null)
    makeObservable<ApplyFormStore, 'offline' | 'draft'>(this, {
      appId: observable,
      app: observable.ref,
      type: observable.ref,
      step: observable,
      loading: observable,
      loadError: observable.ref,
      restoredFrom: observable,
      saveError: observable,
      fieldErrors: observable.ref,
      consentError: observable,
      offline: observable,
      draft: observable.ref,
      fields: computed,
      documents: computed,
      files: computed,
      consentSensitive: computed,
      draftSavedAt: computed,
      draftState: computed,
      unsynced: computed,
      editable: computed,
      steps: computed,
      stepIndex: computed,
      today: computed,
      ruleAmount: computed,
      open: action,
      setField: action,
      setConsent: action,
      goTo: action,
      next: action,
    })
  }

  // ---------- the draft's content ----------

  get fields(): FieldValues {
    return this.draft.value.fields
  }

  get documents(): DocumentIds {
    return this.draft.value.documents
  }

  /** Attaching files by id (the documents layer uploads them; tests set them directly). */
  set documents(documents: DocumentIds) {
    if (this.editable) this.edit({ documents })
  }

  get files(): UploadedFiles {
    return this.draft.value.files
  }

  get consentSensitive(): boolean {
    return this.draft.value.consentSensitive
  }

  get draftSavedAt(): string | null {
    return this.draft.savedAt
  }

  get draftState(): DraftState {
    const s = this.draft.state
    if (s === 'idle') return 'idle'
    if (this.offline) return 'offline'
    if (s === 'saved') return 'saved'
    return this.saveError ? 'error' : 'saving'
  }

  /** The device holds changes the server has not acknowledged. */
  get unsynced(): boolean {
    return this.draft.state === 'local' || this.draft.state === 'saving'
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

  /** Form values as the server wants them: numeric fields that read as numbers become numbers. */
  normalizedFields(fields: FieldValues = this.fields): FieldValues {
    const out: FieldValues = { ...toJS(fields) }
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

  // ---------- open ----------

  /** Opens an application by id, or starts (or resumes) the caller's draft of a type. */
  async open(target: { id: number } | { typeKey: string }): Promise<void> {
    this.resetState()
    this.loading = true
    try {
      await this.deps.types.ensure()
      const detail =
        'id' in target
          ? await this.deps.api.send(reliefApi.detail, { params: { id: target.id } })
          : await this.deps.api.send(reliefApi.start, { body: { typeKey: target.typeKey } })
      runInAction(() => this.openServer(detail))
    } catch (err) {
      runInAction(() => {
        this.loadError = err
        // Offline: the device copy still opens, so nothing typed is lost.
        if (isNetwork(err)) this.openDevice('id' in target ? target.id : draftIndex.find(this.deps, target.typeKey))
      })
    } finally {
      runInAction(() => {
        this.loading = false
      })
    }
  }

  /** Clears what the last application left (each layer adds its own). Called inside actions. */
  protected resetState(): void {
    this.draft.dispose()
    this.draft = this.newDraft(null)
    this.appId = null
    this.app = null
    this.type = null
    this.step = ''
    this.loadError = null
    this.restoredFrom = null
    this.saveError = null
    this.offline = false
    this.fieldErrors = {}
    this.consentError = null
  }

  private openServer(detail: ApplicationDetail): void {
    this.app = detail
    this.appId = detail.id
    this.type = this.deps.types.byKey(detail.typeKey)
    this.draft = this.newDraft(detail.id)
    // A submitted application is the server's: no device copy can override it.
    if (!this.editable) this.draft.clear()
    const content = serverContent(detail)
    const value = this.draft.restore({ draft: content, savedAt: detail.draftSavedAt }, content)
    this.step = this.validStep(value.step)
    this.restoredFrom = this.draft.restoredFrom
    this.offline = this.restoredFrom === 'device'
    if (this.editable) draftIndex.remember(this.deps, detail.typeKey, detail.id)
  }

  private openDevice(appId: number | null): void {
    if (appId === null) return
    const draft = this.newDraft(appId)
    const value = draft.restore(null, emptyContent(appId))
    if (draft.restoredFrom !== 'device') {
      draft.dispose()
      return
    }
    this.draft = draft
    this.appId = appId
    if (!this.type) this.type = this.deps.types.byKey(value.typeKey)
    this.step = this.validStep(value.step)
    this.restoredFrom = 'device'
    this.offline = true
  }

  private validStep(step: string | null | undefined): string {
    const keys = this.steps.map((s) => s.key)
    return step && keys.includes(step) ? step : (keys[0] ?? '')
  }

  /** The draft is done with (submitted, withdrawn): forget the device copy and its index. */
  protected forgetDraft(): void {
    this.draft.clear()
    draftIndex.forget(this.deps, this.type?.key ?? this.app?.typeKey ?? '')
  }

  private newDraft(appId: number | null): DraftSync<DraftContent> {
    return reliefDraft(this.deps, appId, (content) => this.saveDraft(content))
  }

  private now(): number {
    return (this.deps.now ?? Date.now)()
  }

  // ---------- editing ----------

  /** A change: on the device now, on the server soon. */
  protected edit(patch: Partial<DraftContent>): void {
    this.saveError = null
    this.draft.update({ ...toJS(this.draft.value), step: this.step, ...patch })
  }

  setField(key: string, value: string | number | null): void {
    if (!this.editable) return
    if (this.fieldErrors[key]) {
      const next = { ...this.fieldErrors }
      delete next[key]
      this.fieldErrors = next
    }
    this.edit({ fields: { ...toJS(this.fields), [key]: value } })
  }

  setConsent(value: boolean): void {
    if (!this.editable) return
    this.consentError = null
    this.edit({ consentSensitive: value })
  }

  /** Moving between steps saves the draft to the server at once (with the step as the resume point). */
  async goTo(step: string): Promise<void> {
    if (!this.steps.some((s) => s.key === step)) return
    this.step = step
    if (this.editable && this.appId !== null) {
      this.edit({})
      await this.draft.flush()
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

  // ---------- saving ----------

  private async saveDraft(d: DraftContent): Promise<{ savedAt: string }> {
    const body = { step: d.step, fields: this.normalizedFields(d.fields), documents: toJS(d.documents), consentSensitive: d.consentSensitive }
    try {
      const res = await this.deps.api.send(reliefApi.saveDraft, { params: { id: d.appId }, body })
      runInAction(() => {
        if (this.appId !== d.appId) return
        this.offline = false
        this.saveError = null
      })
      return res
    } catch (err) {
      runInAction(() => {
        if (this.appId !== d.appId) return
        if (isNetwork(err)) {
          this.offline = true
        } else {
          this.offline = false
          this.saveError = errorMessage(err)
          if (isApiError(err)) this.mapServerFields(err.fields)
        }
      })
      throw err
    }
  }

  /** The server's per-field messages beside the items (each layer takes its own keys). Called inside actions. */
  protected mapServerFields(fields: Record<string, string>): void {
    const fe = { ...this.fieldErrors }
    for (const [k, msg] of Object.entries(fields)) {
      if (k === 'consentSensitive') this.consentError = msg
      else fe[k] = msg
    }
    this.fieldErrors = fe
  }

  /** Save now if anything is pending (on blur, leaving the page, before submit). */
  async flush(): Promise<void> {
    await this.draft.flush()
  }

  /** The network came back (or the page came to the front): sync now. */
  async resync(): Promise<void> {
    await this.draft.flush()
  }

  /** Leaving the page: push what is pending, keep the device copy, stop the timers. */
  async close(): Promise<void> {
    await this.flush().catch(() => undefined)
    this.draft.dispose()
  }
}
