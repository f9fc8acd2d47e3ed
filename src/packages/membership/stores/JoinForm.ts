/**
 * 入会申请表: the form, its checks (the contract's own zod rules, so the messages are the server's) and its draft,
 * kept by the one draft engine (DraftSync): on the device at every change, on the server debounced and on blur,
 * retried by itself while offline. The server keeps the draft's ID number and phone sealed and gives them back masked
 * only: the device copy keeps what was typed here; the numbers kept on the server are shown masked and not resent.
 * Pure TS, no Taro. Lives in the membership subpackage: it validates with the contract's zod schema at runtime.
 */
import { makeAutoObservable, runInAction } from 'mobx'
import { membershipApi } from '@contract/membership/api'
import { JoinSubmit, type JoinApplication, type JoinDraft, type JoinDraftView } from '@contract/membership/schemas'
import { parseIdNumber } from '@contract/membership/idcard'
import type { ApiClient } from '../../../api/client'
import { isApiError, isTransient } from '../../../api/errors'
import { DraftSync, type DraftState } from '../../../stores/DraftSync'
import type { KeyValueStorage } from '../../../stores/storage'

export const DRAFT_STORAGE_PREFIX = 'union.joinDraft.v1.'
export const DRAFT_DEBOUNCE_MS = 1500

/** A valid form, to ask the schema for its cross-field message without duplicating the text. */
const VALID_SAMPLE = {
  name: '李明',
  idNumber: '11010519491231002X',
  phone: '13800138000',
  employmentType: 'employee',
  orgId: null,
  consentSensitive: true,
} as const

/** A server draft without a save time loses to any device copy. */
const EPOCH = new Date(0).toISOString()

export type JoinField = keyof JoinDraft
export type { DraftState }

export interface JoinFormDeps {
  api: ApiClient
  storage: KeyValueStorage
  /** Whose draft this is (the logged-in user's id); drafts are kept per user on a shared phone. */
  userId: () => number | string | null
  /** The caller's latest application: a rejected one prefills the form and keeps its numbers on file. */
  application: () => JoinApplication | null
  /** The form was submitted: the application it became. */
  onSubmitted: (application: JoinApplication) => void
  now?: () => number
  setTimer?: (fn: () => void, ms: number) => unknown
  clearTimer?: (t: unknown) => void
}

/** ID number and phone kept encrypted on the server, as the applicant sees them (masked); null = none kept. */
export interface KeptNumbers {
  idNumber: string | null
  phone: string | null
  /** Where they are kept: with the server-side draft, or with the last (rejected) application. */
  source: 'draft' | 'application'
}

export class JoinForm {
  fieldErrors: Record<string, string> = {}
  submitError: unknown = null
  submitting = false
  /** The numbers the server keeps with the draft (masked), until this form types its own. */
  draftKept: { idNumber: string | null; phone: string | null } = { idNumber: null, phone: null }
  readonly draft: DraftSync<JoinDraft>

  constructor(private readonly deps: JoinFormDeps) {
    this.draft = new DraftSync<JoinDraft>(
      {},
      {
        storage: deps.storage,
        key: () => {
          const id = deps.userId()
          return id === null || id === undefined ? null : `${DRAFT_STORAGE_PREFIX}${id}`
        },
        save: (draft) => deps.api.send(membershipApi.saveDraft, { body: draft }),
        retryable: isTransient,
        debounceMs: DRAFT_DEBOUNCE_MS,
        now: deps.now,
        setTimer: deps.setTimer,
        clearTimer: deps.clearTimer,
      },
    )
    makeAutoObservable<JoinForm, 'deps'>(this, { deps: false, draft: false })
  }

  get form(): JoinDraft {
    return this.draft.value
  }

  /** 'saved': on the server; 'local': on this device only (offline, or not sent yet); shown as 草稿已保存. */
  get draftState(): DraftState {
    return this.draft.state
  }

  get draftSavedAt(): string | null {
    return this.draft.savedAt
  }

  /** Birth date and gender derived from a valid ID number (shown read-only). */
  get idInfo(): { birthDate: string; gender: 'male' | 'female' } | null {
    const v = this.form.idNumber
    if (!v) return null
    const r = parseIdNumber(v)
    return r.ok ? { birthDate: r.birthDate, gender: r.gender } : null
  }

  /**
   * Opens the form: the newer of the device copy and the server's draft (whose numbers come back masked: kept
   * there, left empty here), else prefilled from a rejected application. Starts clean: the store outlives a logout,
   * and another user may be using this phone now.
   */
  restore(server: JoinDraftView | null, savedAt: string | null): void {
    this.fieldErrors = {}
    this.submitError = null
    this.draftKept = { idNumber: server?.idNumberMasked ?? null, phone: server?.phoneMasked ?? null }
    let serverCopy: { draft: JoinDraft; savedAt: string } | null = null
    if (server) {
      const { idNumberMasked: _id, phoneMasked: _phone, ...fields } = server
      serverCopy = { draft: fields, savedAt: savedAt ?? EPOCH }
    }
    this.draft.restore(serverCopy, this.prefill())
  }

  private prefill(): JoinDraft {
    const a = this.deps.application()
    if (a?.status !== 'rejected') return {}
    return {
      name: a.name,
      employer: a.employer ?? undefined,
      noFixedEmployer: !a.employer,
      employmentType: a.employmentType,
      orgId: a.districtFallback ? null : a.org.id,
    }
  }

  setField<K extends JoinField>(name: K, value: JoinDraft[K]): void {
    const cleared = name === 'noFixedEmployer' && value ? [name, 'employer'] : [name]
    if (cleared.some((k) => this.fieldErrors[k])) {
      const next = { ...this.fieldErrors }
      for (const k of cleared) delete next[k]
      this.fieldErrors = next
    }
    // Typing a number here replaces the one kept on the server (the next save sends it).
    if (name === 'idNumber' || name === 'phone') this.draftKept = { ...this.draftKept, [name]: null }
    this.draft.update({ ...this.draft.value, [name]: value })
  }

  /** On blur / leaving the page: save to the server now (a pending debounce is folded in). */
  flushDraft(): Promise<void> {
    return this.draft.flush()
  }

  /**
   * The ID number and phone the server keeps (shown masked, so they cannot be prefilled): with the draft, else after
   * 未通过 with the application on file. Left empty, they are not resent and the kept ones are used.
   */
  get keptOnFile(): KeptNumbers | null {
    const last = this.deps.application()
    const a = last?.status === 'rejected' ? last : null
    const idNumber = this.draftKept.idNumber ?? a?.idNumberMasked ?? null
    const phone = this.draftKept.phone ?? a?.phoneMasked ?? null
    if (!idNumber && !phone) return null
    return { idNumber, phone, source: this.draftKept.idNumber || this.draftKept.phone ? 'draft' : 'application' }
  }

  /** Client-side check with the server's own rules; path → first message. */
  validate(): Record<string, string> {
    const body = this.submitBody()
    const r = JoinSubmit.safeParse(body)
    const errors: Record<string, string> = {}
    const kept = this.keptOnFile
    if (!this.form.idNumber?.trim() && !kept?.idNumber) errors.idNumber = '请输入身份证号码'
    if (!this.form.phone?.trim() && !kept?.phone) errors.phone = '请输入 11 位手机号码'
    if (!r.success) {
      for (const issue of r.error.issues) {
        const key = String(issue.path[0] ?? '_')
        if (!errors[key]) errors[key] = issue.message
      }
      // zod runs the schema's cross-field rule (单位 or 无固定单位) only once every field parses: check it here too.
      if (!errors.employer && !body.noFixedEmployer && !body.employer) {
        const again = JoinSubmit.safeParse({ ...VALID_SAMPLE, noFixedEmployer: false, employer: undefined })
        const issue = again.success ? undefined : again.error.issues.find((i) => i.path[0] === 'employer')
        if (issue) errors.employer = issue.message
      }
    }
    return errors
  }

  private submitBody(): Record<string, unknown> {
    const f = this.form
    return {
      name: f.name ?? '',
      idNumber: f.idNumber?.trim() ? f.idNumber.trim().toUpperCase() : undefined,
      phone: f.phone?.trim() || undefined,
      employer: f.noFixedEmployer ? undefined : f.employer?.trim() || undefined,
      noFixedEmployer: f.noFixedEmployer ?? false,
      employmentType: f.employmentType,
      orgId: f.orgId,
      consentSensitive: f.consentSensitive,
    }
  }

  /** Resolves true when submitted; false with `fieldErrors` / `submitError` set otherwise. */
  async submit(): Promise<boolean> {
    if (this.submitting) return false
    this.submitError = null
    const errors = this.validate()
    this.fieldErrors = errors
    if (Object.keys(errors).length > 0) return false
    // A pending draft save is folded into the submission.
    this.draft.dispose()
    this.submitting = true
    try {
      const application = await this.deps.api.send(membershipApi.submit, { body: this.submitBody() as JoinSubmit })
      runInAction(() => {
        this.fieldErrors = {}
        this.draftKept = { idNumber: null, phone: null }
        this.draft.clear()
        this.draft.restore(null, {})
        this.deps.onSubmitted(application)
      })
      return true
    } catch (err) {
      runInAction(() => {
        if (isApiError(err) && Object.keys(err.fields).length > 0) {
          this.fieldErrors = { ...this.fieldErrors, ...err.fields }
        }
        this.submitError = err
      })
      return false
    } finally {
      runInAction(() => {
        this.submitting = false
      })
    }
  }

  /** weapp getPhoneNumber: the button's code → the number, filled into the form. */
  async exchangePhone(code: string): Promise<boolean> {
    try {
      const res = await this.deps.api.send(membershipApi.exchangePhone, { body: { code } })
      this.setField('phone', res.phone)
      return true
    } catch (err) {
      runInAction(() => {
        this.fieldErrors = { ...this.fieldErrors, phone: isApiError(err) ? (err.field('code') ?? err.message) : '获取手机号失败，请手动输入' }
      })
      return false
    }
  }

  /** Stop the draft's timers (the device copy stays). */
  dispose(): void {
    this.draft.dispose()
  }
}
