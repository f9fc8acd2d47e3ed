/**
 * 入会申请: the caller's membership/application, and the join form with a draft that is never lost
 * (on the device at every change, on the server debounced and on blur). Pure TS, no Taro.
 * Lives in the membership subpackage: the join form validates with the contract's zod schema at runtime.
 */
import { makeAutoObservable, runInAction } from 'mobx'
import { membershipApi } from '@contract/membership/api'
import {
  JoinSubmit,
  type JoinApplication,
  type JoinDraft,
  type JoinDraftView,
  type Membership,
  type UnionOption,
} from '@contract/membership/schemas'
import { parseIdNumber } from '@contract/membership/idcard'
import type { ApiClient } from '../../../api/client'
import { isApiError } from '../../../api/errors'
import type { KeyValueStorage } from '../../../stores/storage'

export const DRAFT_STORAGE_PREFIX = 'union.joinDraft.v1.'
export const DRAFT_DEBOUNCE_MS = 1500
export const UNION_SEARCH_DEBOUNCE_MS = 300

/** A valid form, to ask the schema for its cross-field message without duplicating the text. */
const VALID_SAMPLE = {
  name: '李明',
  idNumber: '11010519491231002X',
  phone: '13800138000',
  employmentType: 'employee',
  orgId: null,
  consentSensitive: true,
} as const

export type JoinField = keyof JoinDraft
type Timer = ReturnType<typeof setTimeout>

export interface MembershipStoreDeps {
  api: ApiClient
  storage: KeyValueStorage
  /** Whose draft this is (the logged-in user's id); drafts are kept per user on a shared phone. */
  userId: () => number | string | null
  now?: () => number
  setTimer?: (fn: () => void, ms: number) => Timer
  clearTimer?: (t: Timer) => void
}

interface DeviceDraft {
  draft: JoinDraft
  savedAt: string
}

export type DraftState = 'idle' | 'saving' | 'saved' | 'local'

/** ID number and phone kept encrypted on the server, as the applicant sees them (masked); null = none kept. */
export interface KeptNumbers {
  idNumber: string | null
  phone: string | null
  /** Where they are kept: with the server-side draft, or with the last (rejected) application. */
  source: 'draft' | 'application'
}

export class MembershipStore {
  loading = false
  loaded = false
  loadError: unknown = null
  membership: Membership | null = null
  application: JoinApplication | null = null

  unions: UnionOption[] = []
  unionsError: unknown = null
  /** More unions than one page: the form offers a search by name (a province has thousands). */
  unionsSearchable = false
  /** More matches than shown for the current search. */
  unionsMore = false
  unionQuery = ''
  /** The chosen union, kept visible when it is not among the ones shown (a restored draft, a search since). */
  selectedUnion: UnionOption | null = null

  form: JoinDraft = {}
  fieldErrors: Record<string, string> = {}
  submitError: unknown = null
  submitting = false
  /** 'saved': on the server; 'local': on this device only (offline); shown as 草稿已保存. */
  draftState: DraftState = 'idle'
  draftSavedAt: string | null = null
  /** The numbers the server keeps with the draft (masked), until this form types its own. */
  draftKept: { idNumber: string | null; phone: string | null } = { idNumber: null, phone: null }

  private timer: Timer | null = null
  private unionTimer: Timer | null = null
  private unionsGeneration = 0
  private readonly now: () => number
  private readonly setTimer: (fn: () => void, ms: number) => Timer
  private readonly clearTimer: (t: Timer) => void

  constructor(private readonly deps: MembershipStoreDeps) {
    this.now = deps.now ?? Date.now
    this.setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms))
    this.clearTimer = deps.clearTimer ?? ((t) => clearTimeout(t))
    makeAutoObservable<MembershipStore, 'deps' | 'timer' | 'unionTimer' | 'unionsGeneration' | 'now' | 'setTimer' | 'clearTimer'>(this, {
      deps: false,
      timer: false,
      unionTimer: false,
      unionsGeneration: false,
      now: false,
      setTimer: false,
      clearTimer: false,
    })
  }

  get isMember(): boolean {
    return this.membership !== null
  }

  get isRejected(): boolean {
    return this.application?.status === 'rejected'
  }

  /** The form may be filled: no application yet, or the last one was rejected. */
  get canApply(): boolean {
    return !this.membership && (!this.application || this.application.status === 'rejected')
  }

  /** Birth date and gender derived from a valid ID number (shown read-only). */
  get idInfo(): { birthDate: string; gender: 'male' | 'female' } | null {
    const v = this.form.idNumber
    if (!v) return null
    const r = parseIdNumber(v)
    return r.ok ? { birthDate: r.birthDate, gender: r.gender } : null
  }

  private get storageKey(): string | null {
    const id = this.deps.userId()
    return id === null || id === undefined ? null : `${DRAFT_STORAGE_PREFIX}${id}`
  }

  /** GET mine; then restore the newest draft (server vs device), else prefill from a rejected application. */
  async load(): Promise<void> {
    this.loading = true
    this.loadError = null
    try {
      const mine = await this.deps.api.send(membershipApi.mine)
      runInAction(() => {
        this.membership = mine.membership
        this.application = mine.application
        this.restoreDraft(mine.draft, mine.draftSavedAt)
        this.loaded = true
      })
    } catch (err) {
      runInAction(() => {
        this.loadError = err
        // Offline: the device draft still opens so nothing typed is lost.
        if (!this.loaded) this.restoreDraft(null, null)
      })
    } finally {
      runInAction(() => {
        this.loading = false
      })
    }
  }

  /** The first page of unions (matching `unionQuery`), and the chosen one by name. A later call wins. */
  async loadUnions(): Promise<void> {
    const gen = ++this.unionsGeneration
    this.unionsError = null
    const q = this.unionQuery.trim()
    try {
      const res = await this.deps.api.send(membershipApi.unions, { query: { q: q || undefined } })
      if (gen !== this.unionsGeneration) return
      runInAction(() => {
        this.unions = res.items
        this.unionsMore = res.nextCursor !== null
        if (this.unionsMore) this.unionsSearchable = true
      })
      // A chosen union past this page (a restored draft in a long list): asked for by id, to show it chosen.
      const chosen = this.form.orgId
      if (typeof chosen === 'number' && res.nextCursor !== null && !res.items.some((u) => u.id === chosen) && this.selectedUnion?.id !== chosen) {
        const one = await this.deps.api.send(membershipApi.unions, { query: { selected: chosen, limit: 1 } })
        runInAction(() => {
          if (one.selected && one.selected.id === this.form.orgId) this.selectedUnion = one.selected
        })
      }
    } catch (err) {
      if (gen !== this.unionsGeneration) return
      runInAction(() => {
        this.unionsError = err
      })
    }
  }

  /** Typing in the union search: the matching unions shortly after the last keystroke. */
  searchUnions(q: string): void {
    this.unionQuery = q
    if (this.unionTimer) this.clearTimer(this.unionTimer)
    this.unionTimer = this.setTimer(() => {
      this.unionTimer = null
      void this.loadUnions()
    }, UNION_SEARCH_DEBOUNCE_MS)
  }

  /** Choose a union (null: 由区总工会兜底); it stays shown whatever is searched next. */
  chooseUnion(union: UnionOption | null): void {
    this.selectedUnion = union
    this.setField('orgId', union ? union.id : null)
  }

  private readDeviceDraft(): DeviceDraft | null {
    const key = this.storageKey
    if (!key) return null
    const raw = this.deps.storage.getItem(key)
    if (!raw) return null
    try {
      const parsed = JSON.parse(raw) as DeviceDraft
      return parsed && typeof parsed.savedAt === 'string' && parsed.draft && typeof parsed.draft === 'object' ? parsed : null
    } catch {
      return null
    }
  }

  private restoreDraft(serverDraft: JoinDraftView | null, serverSavedAt: string | null): void {
    // Start clean: the store outlives a logout, and another user may be using this phone now.
    this.form = {}
    this.fieldErrors = {}
    this.submitError = null
    this.draftState = 'idle'
    this.draftSavedAt = null
    this.selectedUnion = null
    // The server gives the draft's ID number and phone back masked only: kept there, left empty here.
    this.draftKept = { idNumber: serverDraft?.idNumberMasked ?? null, phone: serverDraft?.phoneMasked ?? null }
    const device = this.readDeviceDraft()
    const deviceTime = device ? Date.parse(device.savedAt) : NaN
    const serverTime = serverDraft && serverSavedAt ? Date.parse(serverSavedAt) : NaN
    if (device && !(serverTime > deviceTime)) {
      this.form = { ...device.draft }
      this.draftSavedAt = device.savedAt
      this.draftState = 'local'
    } else if (serverDraft) {
      const { idNumberMasked: _id, phoneMasked: _phone, ...fields } = serverDraft
      this.form = { ...fields }
      this.draftSavedAt = serverSavedAt
      this.draftState = 'saved'
    } else if (this.application?.status === 'rejected') {
      const a = this.application
      this.form = {
        name: a.name,
        employer: a.employer ?? undefined,
        noFixedEmployer: !a.employer,
        employmentType: a.employmentType,
        orgId: a.districtFallback ? null : a.org.id,
      }
    }
  }

  setField<K extends JoinField>(name: K, value: JoinDraft[K]): void {
    this.form = { ...this.form, [name]: value }
    if (this.fieldErrors[name]) {
      const next = { ...this.fieldErrors }
      delete next[name]
      this.fieldErrors = next
    }
    // Typing a number here replaces the one kept on the server (the next save sends it).
    if (name === 'idNumber' || name === 'phone') this.draftKept = { ...this.draftKept, [name]: null }
    if (name === 'noFixedEmployer' && value && this.fieldErrors.employer) {
      const next = { ...this.fieldErrors }
      delete next.employer
      this.fieldErrors = next
    }
    this.saveToDevice()
    this.scheduleServerSave()
  }

  private saveToDevice(): void {
    const key = this.storageKey
    const savedAt = new Date(this.now()).toISOString()
    this.draftSavedAt = savedAt
    this.draftState = 'local'
    if (!key) return
    const data: DeviceDraft = { draft: this.form, savedAt }
    this.deps.storage.setItem(key, JSON.stringify(data))
  }

  private scheduleServerSave(): void {
    if (this.timer) this.clearTimer(this.timer)
    this.timer = this.setTimer(() => {
      this.timer = null
      void this.saveDraftNow()
    }, DRAFT_DEBOUNCE_MS)
  }

  /** On blur / step change: save to the server now (a pending debounce is folded in). */
  async flushDraft(): Promise<void> {
    if (!this.timer) return
    this.clearTimer(this.timer)
    this.timer = null
    await this.saveDraftNow()
  }

  private async saveDraftNow(): Promise<void> {
    this.draftState = 'saving'
    try {
      const res = await this.deps.api.send(membershipApi.saveDraft, { body: this.form })
      runInAction(() => {
        this.draftState = 'saved'
        this.draftSavedAt = res.savedAt
        this.stampDeviceDraft(res.savedAt)
      })
    } catch {
      // Offline or rejected: the device copy still holds everything typed.
      runInAction(() => {
        this.draftState = 'local'
      })
    }
  }

  /**
   * The device copy holds what the server just saved (or newer): give it the server's time, so that a reload on this
   * phone restores its full numbers rather than the server's masked ones (a newer save elsewhere still wins).
   */
  private stampDeviceDraft(serverSavedAt: string): void {
    const key = this.storageKey
    const device = this.readDeviceDraft()
    if (!key || !device || !(Date.parse(serverSavedAt) > Date.parse(device.savedAt))) return
    this.deps.storage.setItem(key, JSON.stringify({ draft: device.draft, savedAt: serverSavedAt } satisfies DeviceDraft))
  }

  /**
   * The ID number and phone the server keeps (shown masked, so they cannot be prefilled): with the draft, else after
   * 未通过 with the application on file. Left empty, they are not resent and the kept ones are used.
   */
  get keptOnFile(): KeptNumbers | null {
    const a = this.application?.status === 'rejected' ? this.application : null
    const idNumber = this.draftKept.idNumber ?? a?.idNumberMasked ?? null
    const phone = this.draftKept.phone ?? a?.phoneMasked ?? null
    if (!idNumber && !phone) return null
    return { idNumber, phone, source: this.draftKept.idNumber || this.draftKept.phone ? 'draft' : 'application' }
  }

  /** Client-side check with the server's own rules; path → first message. */
  validate(): Record<string, string> {
    const r = JoinSubmit.safeParse(this.submitBody())
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
      const body = this.submitBody()
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
    if (this.timer) {
      this.clearTimer(this.timer)
      this.timer = null
    }
    this.submitting = true
    try {
      const application = await this.deps.api.send(membershipApi.submit, { body: this.submitBody() as JoinSubmit })
      runInAction(() => {
        this.application = application
        this.form = {}
        this.fieldErrors = {}
        this.draftState = 'idle'
        this.draftSavedAt = null
        this.draftKept = { idNumber: null, phone: null }
        const key = this.storageKey
        if (key) this.deps.storage.removeItem(key)
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

  dispose(): void {
    if (this.timer) this.clearTimer(this.timer)
    this.timer = null
    if (this.unionTimer) this.clearTimer(this.unionTimer)
    this.unionTimer = null
  }
}
