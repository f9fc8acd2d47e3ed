/**
 * 帮扶救助 application form, second layer: the document checklist — each item's status, uploading a file to it
 * (attached to the draft and saved at once), removing one, and the messages beside each item. Pure TS (no Taro).
 */
import { action, computed, makeObservable, observable, runInAction } from 'mobx'
import { reliefApi } from '@contract/relief/api'
import { missingDocuments } from '@contract/relief/rules'
import { errorMessage, isApiError } from '../../../api/errors'
import { ApplyFormStore } from './ApplyFormStore'
import { isNetwork, type ApplyStoreDeps } from './reliefDraft'

export const UPLOAD_OFFLINE_MESSAGE = '网络不给力，材料未上传，请联网后重试'

export type DocStatus = 'uploaded' | 'missing' | 'optional' | 'uploading' | 'error'

export class ApplyDocumentsStore extends ApplyFormStore {
  docErrors: Record<string, string> = {}
  uploading: Record<string, boolean> = {}
  /** The last upload for this item was refused or failed (its message is in docErrors). */
  uploadFailed: Record<string, boolean> = {}

  constructor(deps: ApplyStoreDeps) {
    super(deps)
    makeObservable(this, {
      docErrors: observable.ref,
      uploading: observable.ref,
      uploadFailed: observable.ref,
      missingDocs: computed,
      requestedDocKeys: computed,
      upload: action,
      removeFile: action,
    })
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
        this.edit({
          documents: { ...this.documents, [docKey]: [...(this.documents[docKey] ?? []), res.id] },
          files: { ...this.files, [docKey]: [...(this.files[docKey] ?? []), { id: res.id, mime: res.mime, size: res.size }] },
        })
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
    this.edit({
      documents: { ...this.documents, [docKey]: (this.documents[docKey] ?? []).filter((id) => id !== fileId) },
      files: { ...this.files, [docKey]: (this.files[docKey] ?? []).filter((f) => f.id !== fileId) },
    })
  }

  protected override resetState(): void {
    super.resetState()
    this.docErrors = {}
    this.uploading = {}
    this.uploadFailed = {}
  }

  /** `documents.<key>` messages go beside the checklist item; the rest to the form. */
  protected override mapServerFields(fields: Record<string, string>): void {
    const docs = { ...this.docErrors }
    const rest: Record<string, string> = {}
    for (const [k, msg] of Object.entries(fields)) {
      if (k.startsWith('documents.')) docs[k.slice('documents.'.length)] = msg
      else rest[k] = msg
    }
    this.docErrors = docs
    super.mapServerFields(rest)
  }
}
