/**
 * 帮扶救助 application form: a step-by-step draft that is never lost, its document checklist, and its submission.
 * Three layers, one concern each: `ApplyFormStore` (the draft on DraftSync, steps, fields and their checks) →
 * `ApplyDocumentsStore` (the checklist and uploads) → this one (submit and withdraw). Pure TS (no Taro), tested in node.
 *
 * Submit checks fields, the document checklist and the consent with the contract's own rules first, and maps the
 * server's per-field messages (`documents.<key>` too) beside the items.
 */
import { action, computed, makeObservable, observable, runInAction } from 'mobx'
import { reliefApi } from '@contract/relief/api'
import { missingDocuments, validateFields } from '@contract/relief/rules'
import { isApiError } from '../../../api/errors'
import { ApplyDocumentsStore } from './ApplyDocumentsStore'
import { CONFIRM_STEP, DOCUMENTS_STEP } from './ApplyFormStore'
import type { ApplyStoreDeps } from './reliefDraft'

export { CONFIRM_STEP, DOCUMENTS_STEP, parseNumberText, type DraftState } from './ApplyFormStore'
export { RELIEF_DRAFT_PREFIX, RESYNC_MS, SAVE_DEBOUNCE_MS, type ApplyStoreDeps, type DeviceDraft } from './reliefDraft'
export { UPLOAD_OFFLINE_MESSAGE, type DocStatus } from './ApplyDocumentsStore'

export const CONSENT_MESSAGE = '请勾选同意处理敏感个人信息'
export const UNSYNCED_SUBMIT_MESSAGE = '网络不给力，草稿尚未同步到服务器，请联网后再提交'

export class ApplyStore extends ApplyDocumentsStore {
  submitting = false
  submitError: unknown = null
  withdrawing = false

  constructor(deps: ApplyStoreDeps) {
    super(deps)
    makeObservable(this, {
      submitting: observable,
      submitError: observable.ref,
      withdrawing: observable,
      firstErrorStep: computed,
      validate: action,
      submit: action,
      withdraw: action,
    })
  }

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

  /** Resolves true when submitted (the page then shows the detail). */
  async submit(): Promise<boolean> {
    if (this.submitting || this.appId === null) return false
    this.submitError = null
    if (!this.validate()) return false
    this.submitting = true
    const id = this.appId
    try {
      await this.flush()
      if (this.unsynced) throw new Error(UNSYNCED_SUBMIT_MESSAGE)
      const detail = await this.deps.api.send(reliefApi.submit, { params: { id } })
      runInAction(() => {
        this.forgetDraft()
        this.app = detail
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
        this.forgetDraft()
        this.app = detail
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

  protected override resetState(): void {
    super.resetState()
    this.submitError = null
  }
}
