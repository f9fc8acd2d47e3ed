/**
 * 更正 (issue 19): the member's request to correct their verified name and/or phone. Every change is kept on the
 * device at once (DraftSync, device-only: a request is sent whole), so a refusal, a lost network or a closed app never
 * loses what was typed; the copy is cleared only when the server has the request. Refusals land beside their fields
 * (by the server's `fields`); the ones about the whole request (nothing changed, already pending) above the button.
 * No Taro.
 */
import { makeAutoObservable, runInAction } from 'mobx'
import { PHONE_PATTERN } from '@contract/membership/idcard'
import { privacyApi } from '@contract/privacy/api'
import type { CorrectionView } from '@contract/privacy/schemas'
import type { ApiClient } from '../../../api/client'
import { ApiError, errorMessage } from '../../../api/errors'
import { DraftSync } from '../../../stores/DraftSync'
import type { KeyValueStorage } from '../../../stores/storage'

export interface CorrectionDraft {
  name: string
  phone: string
  reason: string
}

export const emptyCorrection = (): CorrectionDraft => ({ name: '', phone: '', reason: '' })

export interface CorrectionDeps {
  api: ApiClient
  storage: KeyValueStorage
  userId: () => number | null
  now?: () => number
}

export class CorrectionStore {
  readonly draft: DraftSync<CorrectionDraft>
  errors: Partial<Record<keyof CorrectionDraft, string>> = {}
  /** A refusal about the whole request (CORRECTION_UNCHANGED, CORRECTION_PENDING …) or a failure to reach the server. */
  formError: string | null = null
  submitting = false
  withdrawing = false

  constructor(private readonly deps: CorrectionDeps) {
    this.draft = new DraftSync<CorrectionDraft>(emptyCorrection(), {
      storage: deps.storage,
      key: () => {
        const id = deps.userId()
        return id === null ? null : `privacy.correction.${id}`
      },
      now: deps.now,
    })
    this.draft.restore(null, emptyCorrection())
    makeAutoObservable<CorrectionStore, 'deps'>(this, { deps: false, draft: false })
  }

  get value(): CorrectionDraft {
    return this.draft.value
  }

  set<K extends keyof CorrectionDraft>(key: K, v: CorrectionDraft[K]): void {
    this.draft.update({ ...this.draft.value, [key]: v })
    if (this.errors[key]) {
      const { [key]: _gone, ...rest } = this.errors
      this.errors = rest
    }
    this.formError = null
  }

  /** What the form can tell without the server (the server says it again, with its reason). */
  private check(): Partial<Record<keyof CorrectionDraft, string>> {
    const v = this.value
    const e: Partial<Record<keyof CorrectionDraft, string>> = {}
    if (v.phone.trim() && !PHONE_PATTERN.test(v.phone.trim())) e.phone = '请输入正确的 11 位手机号码'
    if (v.reason.trim().length > 200) e.reason = '更正说明不超过 200 字'
    return e
  }

  /** Sends the request; the stored request, or null (errors beside the fields, the draft kept). */
  async submit(): Promise<CorrectionView | null> {
    const errors = this.check()
    this.errors = errors
    const v = this.value
    this.formError = v.name.trim() || v.phone.trim() ? null : '请填写需要更正的姓名或手机号'
    if (Object.keys(errors).length > 0 || this.formError) return null
    this.submitting = true
    try {
      const created = await this.deps.api.send(privacyApi.requestCorrection, {
        body: {
          ...(v.name.trim() ? { name: v.name.trim() } : {}),
          ...(v.phone.trim() ? { phone: v.phone.trim() } : {}),
          ...(v.reason.trim() ? { reason: v.reason.trim() } : {}),
        },
      })
      this.draft.clear()
      return created
    } catch (err) {
      runInAction(() => {
        if (err instanceof ApiError && Object.keys(err.fields).length > 0) this.errors = { ...err.fields }
        else this.formError = errorMessage(err)
      })
      return null
    } finally {
      runInAction(() => (this.submitting = false))
    }
  }

  async withdraw(): Promise<boolean> {
    this.withdrawing = true
    this.formError = null
    try {
      await this.deps.api.send(privacyApi.withdrawCorrection)
      return true
    } catch (err) {
      runInAction(() => (this.formError = errorMessage(err)))
      return false
    } finally {
      runInAction(() => (this.withdrawing = false))
    }
  }
}
