/**
 * 我要咨询: the request form. Every change is kept on the device at once (DraftSync, device-only: a consultation is
 * sent whole), so a refusal, a lost network or a closed app never loses what was typed; the copy is cleared only
 * when the server has the case. Refusals land beside their fields. No Taro.
 */
import { makeAutoObservable, runInAction } from 'mobx'
import { legalApi } from '@contract/legal/api'
import type { LegalContactPref, LegalContactTime, LegalDisputeKind } from '@contract/legal/labels'
import type { LegalCaseView, LegalDocument } from '@contract/legal/schemas'
import type { ApiClient } from '../../../api/client'
import { ApiError } from '../../../api/errors'
import { DraftSync } from '../../../stores/DraftSync'
import type { KeyValueStorage } from '../../../stores/storage'

export interface AskDraft {
  kind: LegalDisputeKind | ''
  employer: string
  amount: string
  description: string
  contactPref: LegalContactPref | ''
  contactTime: LegalContactTime | ''
  phone: string
  attachments: LegalDocument[]
}

export const emptyAsk = (): AskDraft => ({ kind: '', employer: '', amount: '', description: '', contactPref: '', contactTime: '', phone: '', attachments: [] })

export interface AskDeps {
  api: ApiClient
  storage: KeyValueStorage
  userId: () => number | null
  now?: () => number
}

export class AskStore {
  readonly draft: DraftSync<AskDraft>
  errors: Record<string, string> = {}
  submitting = false
  uploading = false
  submitError: unknown = null

  constructor(private readonly deps: AskDeps) {
    this.draft = new DraftSync<AskDraft>(emptyAsk(), {
      storage: deps.storage,
      key: () => {
        const id = deps.userId()
        return id === null ? null : `legal.ask.${id}`
      },
      now: deps.now,
    })
    this.draft.restore(null, emptyAsk())
    makeAutoObservable<AskStore, 'deps'>(this, { deps: false, draft: false })
  }

  get value(): AskDraft {
    return this.draft.value
  }

  set<K extends keyof AskDraft>(key: K, v: AskDraft[K]): void {
    this.draft.update({ ...this.draft.value, [key]: v })
    if (this.errors[key]) {
      const { [key]: _gone, ...rest } = this.errors
      this.errors = rest
    }
  }

  async upload(filePath: string, name?: string): Promise<boolean> {
    this.uploading = true
    try {
      const doc = await this.deps.api.upload(legalApi.upload, { filePath, name })
      runInAction(() => this.set('attachments', [...this.value.attachments, doc]))
      return true
    } catch (err) {
      runInAction(() => (this.errors = { ...this.errors, attachments: err instanceof Error ? err.message : '上传失败，请重试' }))
      return false
    } finally {
      runInAction(() => (this.uploading = false))
    }
  }

  removeAttachment(id: string): void {
    this.set('attachments', this.value.attachments.filter((a) => a.id !== id))
  }

  /** What the form can tell without the server (the server says it again, by field). */
  private check(): Record<string, string> {
    const v = this.value
    const e: Record<string, string> = {}
    if (!v.kind) e.kind = '请选择纠纷类型'
    if (!v.employer.trim()) e.employer = '请填写用人单位'
    if (v.kind === 'unpaid_wages' && !/^\d+$/.test(v.amount.trim())) e.amount = '请填写拖欠金额（元，整数）'
    if (v.description.trim().length < 10) e.description = '请至少用 10 个字描述您遇到的问题'
    if (!v.contactPref) e.contactPref = '请选择联系方式'
    if (!v.contactTime) e.contactTime = '请选择方便联系的时间'
    if (v.contactPref === 'phone' && !/^1\d{10}$/.test(v.phone.trim())) e.phone = '请填写 11 位手机号'
    return e
  }

  /** Sends the request; the created case, or null (errors beside the fields, the draft kept). */
  async submit(): Promise<LegalCaseView | null> {
    const errors = this.check()
    this.errors = errors
    this.submitError = null
    if (Object.keys(errors).length > 0) return null
    const v = this.value
    this.submitting = true
    try {
      const created = await this.deps.api.send(legalApi.create, {
        body: {
          kind: v.kind as LegalDisputeKind,
          employer: v.employer.trim(),
          amount: v.amount.trim() ? Number(v.amount.trim()) : null,
          description: v.description.trim(),
          attachments: v.attachments.map((a) => a.id),
          contactPref: v.contactPref as LegalContactPref,
          contactTime: v.contactTime as LegalContactTime,
          phone: v.contactPref === 'phone' || v.phone.trim() ? v.phone.trim() : null,
        },
      })
      this.draft.clear()
      return created
    } catch (err) {
      runInAction(() => {
        if (err instanceof ApiError && Object.keys(err.fields).length > 0) this.errors = { ...err.fields }
        else this.submitError = err
      })
      return null
    } finally {
      runInAction(() => (this.submitting = false))
    }
  }
}
