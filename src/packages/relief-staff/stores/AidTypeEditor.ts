/**
 * 新建/编辑救助类型: the form, kept on the device at every change by the app's one draft engine (`DraftSync`,
 * device-only: the server keeps no drafts of a type), checked with the contract's schema and the configuration's own
 * consistency rules (type-config.ts) before sending, and marked with the server's refusals after: 400 with `fields`
 * beside each field (VALIDATION, RELIEF_TYPE_CONFIG_INVALID, RELIEF_TYPE_LIMITS, RELIEF_TYPE_REVIEW_LEVEL …), and the
 * owner's refusals (403 RELIEF_TYPE_FORBIDDEN, 409 RELIEF_TYPE_OWNER_FIXED) beside 所属工会. Nothing typed is lost
 * on a refusal. Pure TS, no Taro.
 */
import { makeAutoObservable, runInAction } from 'mobx'
import { reliefApi } from '@contract/relief/api'
import { ReliefReasons } from '@contract/relief/reasons'
import { AidTypeInput, type AidType } from '@contract/relief/schemas'
import { configProblems } from '@contract/relief/type-config'
import type { FieldKind } from '@contract/relief/labels'
import type { ApiClient } from '../../../api/client'
import { hasReason, isApiError } from '../../../api/errors'
import { DraftSync } from '../../../stores/DraftSync'
import type { KeyValueStorage } from '../../../stores/storage'
import {
  emptyDocument,
  emptyField,
  emptyStep,
  errorsOf,
  fromType,
  initialForm,
  isSensitiveKind,
  isTypeForm,
  MAX_DOCUMENTS,
  MAX_FIELDS,
  MAX_STEPS,
  newTypeKey,
  optionsFrom,
  toInput,
  type DocumentForm,
  type FieldForm,
  type TypeForm,
} from './type-form'

/** Device key prefix: `<prefix><user>.<type key | new>`. */
export const TYPE_DRAFT_PREFIX = 'union.aidTypeEdit.v1.'

/** A new type's draft: the form and the key the type will have (kept with it, so a retried save is the same type). */
export interface TypeDraft {
  key: string
  form: TypeForm
}

export interface AdminOrg {
  id: number
  name: string
}

export interface AidTypeEditorDeps {
  api: ApiClient
  storage: KeyValueStorage
  userId: () => number | string | null
  /** The unions the caller administers (may own a type), read when needed: the session may arrive later. */
  orgs: () => AdminOrg[]
  now?: () => number
}

/** The server's paths a form value answers (its messages go when it changes). */
const PATH_OF: Partial<Record<keyof TypeForm, string[]>> = {
  windowKind: ['window'],
  windowFrom: ['window.from', 'window'],
  windowTo: ['window.to', 'window'],
  amountKind: ['amount'],
  amountMin: ['amount.min', 'amount'],
  amountMax: ['amount.max', 'amount'],
  amountField: ['amount'],
  baseDays: ['reviewWorkingDays.base'],
  districtDays: ['reviewWorkingDays.district'],
  summary: ['eligibility.summary'],
  minMembershipMonths: ['eligibility.minMembershipMonths'],
  perYear: ['limits.perYear'],
  employmentTypes: ['eligibility.employmentTypes'],
}

/** Refusals about the owner: said beside 所属工会. */
const OWNER_REASONS = [ReliefReasons.RELIEF_TYPE_FORBIDDEN, ReliefReasons.RELIEF_TYPE_OWNER_FIXED, ReliefReasons.RELIEF_TYPE_OWNER_REQUIRED, ReliefReasons.RELIEF_TYPE_OWNER_UNKNOWN]

export class AidTypeEditor {
  readonly draft: DraftSync<TypeDraft>
  /** The stored type (edit mode), as loaded. */
  type: AidType | null = null
  ready = false
  /** Edit mode: a draft of unsaved changes was restored. */
  restored = false
  errors: Record<string, string> = {}
  busy = false
  error: unknown = null

  constructor(
    private readonly deps: AidTypeEditorDeps,
    /** '' = a new type. */
    readonly editKey: string,
  ) {
    const now = deps.now ?? Date.now
    this.draft = new DraftSync<TypeDraft>(
      { key: editKey, form: initialForm(null) },
      { storage: deps.storage, key: () => `${TYPE_DRAFT_PREFIX}${deps.userId() ?? 'anon'}.${editKey || 'new'}`, now },
    )
    makeAutoObservable<AidTypeEditor, 'deps'>(this, { deps: false, draft: false, editKey: false })
  }

  get form(): TypeForm | null {
    return this.ready ? this.draft.value.form : null
  }

  /** The key the type has, or will have once created. */
  get key(): string {
    return this.editKey || this.draft.value.key
  }

  get creating(): boolean {
    return !this.editKey
  }

  startNew(): void {
    const now = (this.deps.now ?? Date.now)()
    this.restoreOr({ key: newTypeKey(now), form: initialForm(this.deps.orgs()[0]?.id ?? null) })
    this.ready = true
  }

  open(type: AidType): void {
    this.type = type
    if (this.ready) return
    this.restored = this.restoreOr({ key: type.key, form: fromType(type) })
    this.ready = true
  }

  /** 放弃修改，重新载入. */
  discard(): void {
    if (!this.type) return
    this.draft.clear()
    this.draft.restore(null, { key: this.type.key, form: fromType(this.type) })
    this.restored = false
    this.errors = {}
    this.error = null
  }

  private restoreOr(fallback: TypeDraft): boolean {
    const value = this.draft.restore(null, fallback)
    if (this.draft.state === 'idle') return false
    if (!value || typeof value.key !== 'string' || !isTypeForm(value.form)) {
      this.draft.clear()
      this.draft.restore(null, fallback)
      return false
    }
    return true
  }

  /**
   * Applies a change and clears the messages it answers: `under` clears a path and everything below it (`fields.2`
   * clears `fields.2.label`), `exact` only that path (`fields`: the list's own message, not every field's).
   */
  private change(patch: Partial<TypeForm>, under: readonly string[], exact: readonly string[] = []): void {
    const f = this.form
    if (!f) return
    this.draft.update({ ...this.draft.value, form: { ...f, ...patch } })
    const hit = Object.keys(this.errors).filter((k) => exact.includes(k) || under.some((c) => k === c || k.startsWith(`${c}.`)))
    if (hit.length) {
      const next = { ...this.errors }
      for (const k of hit) delete next[k]
      this.errors = next
    }
  }

  set<K extends keyof TypeForm>(k: K, v: TypeForm[K]): void {
    this.change({ [k]: v } as Partial<TypeForm>, [k, ...(PATH_OF[k] ?? [])])
  }

  // ---- steps ----
  addStep(): void {
    const f = this.form
    if (f && f.steps.length < MAX_STEPS) this.change({ steps: [...f.steps, emptyStep(f)] }, [], ['steps'])
  }

  setStepTitle(i: number, title: string): void {
    const f = this.form
    if (f) this.change({ steps: f.steps.map((s, j) => (j === i ? { ...s, title } : s)) }, [`steps.${i}`], ['steps'])
  }

  /** Removes a step; its fields move to the first remaining step. */
  removeStep(i: number): void {
    const f = this.form
    if (!f || f.steps.length <= 1) return
    const gone = f.steps[i].key
    const steps = f.steps.filter((_, j) => j !== i)
    this.change({ steps, fields: f.fields.map((x) => (x.step === gone ? { ...x, step: steps[0].key } : x)) }, ['steps', 'fields'])
  }

  // ---- fields ----
  addField(): void {
    const f = this.form
    if (f && f.fields.length < MAX_FIELDS) this.change({ fields: [...f.fields, emptyField(f, 'text', this.type?.fields.map((x) => x.key))] }, [], ['fields'])
  }

  setField(i: number, patch: Partial<FieldForm>): void {
    const f = this.form
    if (!f) return
    const fields = f.fields.map((x, j) => {
      if (j !== i) return x
      const next = { ...x, ...patch }
      // ID number, phone, medical: always stored encrypted (the server forces it too).
      if (patch.kind && isSensitiveKind(patch.kind)) next.sensitive = true
      if (patch.optionsText !== undefined) next.options = optionsFrom(patch.optionsText, x.options)
      return next
    })
    this.change({ fields }, [`fields.${i}`, ...(patch.kind || patch.optionsText !== undefined ? ['amount'] : [])], ['fields'])
  }

  setFieldKind(i: number, kind: FieldKind): void {
    this.setField(i, { kind })
  }

  /** Moves field i by `by` (−1 up, +1 down). Messages keyed by position are cleared: they no longer point at it. */
  moveField(i: number, by: -1 | 1): void {
    const f = this.form
    const j = i + by
    if (!f || j < 0 || j >= f.fields.length) return
    const fields = [...f.fields]
    ;[fields[i], fields[j]] = [fields[j], fields[i]]
    this.change({ fields }, ['fields'])
  }

  removeField(i: number): void {
    const f = this.form
    if (!f) return
    const gone = f.fields[i]
    this.change({ fields: f.fields.filter((_, j) => j !== i), ...(gone && f.amountField === gone.key ? { amountField: '' } : {}) }, ['fields', 'amount'])
  }

  // ---- documents ----
  addDocument(): void {
    const f = this.form
    if (f && f.documents.length < MAX_DOCUMENTS) this.change({ documents: [...f.documents, emptyDocument(f, this.type?.documents.map((d) => d.key))] }, [], ['documents'])
  }

  setDocument(i: number, patch: Partial<DocumentForm>): void {
    const f = this.form
    if (f) this.change({ documents: f.documents.map((d, j) => (j === i ? { ...d, ...patch } : d)) }, [`documents.${i}`], ['documents'])
  }

  moveDocument(i: number, by: -1 | 1): void {
    const f = this.form
    const j = i + by
    if (!f || j < 0 || j >= f.documents.length) return
    const documents = [...f.documents]
    ;[documents[i], documents[j]] = [documents[j], documents[i]]
    this.change({ documents }, ['documents'])
  }

  removeDocument(i: number): void {
    const f = this.form
    if (f) this.change({ documents: f.documents.filter((_, j) => j !== i) }, ['documents'])
  }

  // ---- amount ----
  setTierAmount(value: string, amount: string): void {
    const f = this.form
    if (f) this.change({ tierAmounts: { ...f.tierAmounts, [value]: amount } }, ['amount'])
  }

  setBand(i: number, patch: { upToKm?: string; amount?: string }): void {
    const f = this.form
    if (f) this.change({ bands: f.bands.map((b, j) => (j === i ? { ...b, ...patch } : b)) }, ['amount'])
  }

  addBand(): void {
    const f = this.form
    if (f) this.change({ bands: [...f.bands, { upToKm: '', amount: '' }] }, ['amount'])
  }

  removeBand(i: number): void {
    const f = this.form
    if (f && f.bands.length > 1) this.change({ bands: f.bands.filter((_, j) => j !== i) }, ['amount'])
  }

  toggleEmploymentType(t: TypeForm['employmentTypes'][number]): void {
    const ts = this.form?.employmentTypes ?? []
    this.change({ employmentTypes: ts.includes(t) ? ts.filter((x) => x !== t) : [...ts, t] }, ['eligibility.employmentTypes'])
  }

  /** Saves (creates or replaces) the type; resolves the stored type, or null with `errors` / `error` set. */
  async save(): Promise<AidType | null> {
    const f = this.form
    if (!f || this.busy) return null
    const body = { ...f, orgId: f.orgId ?? this.deps.orgs()[0]?.id ?? null }
    const parsed = AidTypeInput.safeParse(toInput(body, { creating: this.creating }))
    const owner: Record<string, string> = this.creating && body.orgId === null ? { orgId: ReliefReasons.RELIEF_TYPE_OWNER_REQUIRED.message() } : {}
    if (!parsed.success) return this.refuse({ ...errorsOf(parsed.error.issues), ...owner })
    if (Object.keys(owner).length) return this.refuse(owner)
    const problems = configProblems(parsed.data)
    if (Object.keys(problems).length) return this.refuse(problems)
    this.busy = true
    this.error = null
    try {
      const saved = await this.deps.api.send(reliefApi.updateType, { params: { key: this.key }, body: parsed.data })
      runInAction(() => {
        this.draft.clear()
        this.errors = {}
      })
      return saved
    } catch (err) {
      runInAction(() => {
        const fields: Record<string, string> = isApiError(err) ? { ...err.fields } : {}
        if (isApiError(err) && OWNER_REASONS.some((r) => hasReason(err, r)) && !fields.orgId) fields.orgId = err.message
        this.errors = fields
        this.error = err
      })
      return null
    } finally {
      runInAction(() => {
        this.busy = false
      })
    }
  }

  private refuse(errors: Record<string, string>): null {
    this.errors = errors
    this.error = `请检查填写的内容：${Object.values(errors)[0]}`
    return null
  }

  dispose(): void {
    this.draft.dispose()
  }
}
