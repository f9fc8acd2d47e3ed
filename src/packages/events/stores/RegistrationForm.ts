/**
 * 报名表单: answers to the organiser's questions (+ the team's name for team entry: team-mates are invited after
 * registering, never named here), kept as a draft on the device at every change (the app's one draft engine,
 * `DraftSync`, device-only: the server keeps no registration drafts) so nothing typed is lost on a reload or a
 * dropped connection; uploads of certificate photos/files; client checks with the same rules the server applies;
 * server field errors mapped beside their fields. Pure TS, no Taro.
 */
import { makeAutoObservable, runInAction } from 'mobx'
import { ANSWER_FILES_MAX } from '@contract/events/labels'
import type { AnswerValue, Event, Question, Registration, UploadedFile } from '@contract/events/schemas'
import type { ApiClient } from '../../../api/client'
import { isApiError } from '../../../api/errors'
import type { KeyValueStorage } from '../../../stores/storage'
import { DraftSync } from '../../../stores/DraftSync'
import { eventsApi } from '@contract/events/api'

/** Device key prefix: `<prefix><user>.<eventId>` (the organiser's 新建/编辑活动 draft has its own, `union.eventEdit.`). */
export const FORM_DRAFT_PREFIX = 'union.eventDraft.v1.'

/** A file answer as the form keeps it: the server's id plus what is needed to show it again. */
export interface DraftFile extends UploadedFile {
  name: string
}

export interface FormDraft {
  /** Text as typed (numbers too: '12.5' stays a string until submit). Choices: string / string[]. */
  answers: Record<string, string | string[]>
  files: Record<string, DraftFile[]>
  teamName: string
}

const emptyDraft = (): FormDraft => ({ answers: {}, files: {}, teamName: '' })

/**
 * A draft kept by the app before DraftSync (the form itself at the key, `savedAt` inside it): opened once, as the
 * starting value, so nothing typed before the update is lost. Anything else at the key (not a form) is ignored.
 */
function legacyDraft(raw: string | null): FormDraft | null {
  if (!raw) return null
  try {
    const d = JSON.parse(raw) as Partial<FormDraft> & { draft?: unknown }
    if (!d || typeof d !== 'object' || 'draft' in d || !d.answers || typeof d.answers !== 'object' || Array.isArray(d.answers)) return null
    return {
      answers: d.answers,
      files: d.files && typeof d.files === 'object' ? d.files : {},
      teamName: typeof d.teamName === 'string' ? d.teamName : '',
    }
  } catch {
    return null
  }
}

/** Keys of `fieldErrors`: a question id, `teamName`, or `_` for the form as a whole. */
export type FormField = string

export interface RegistrationFormDeps {
  api: ApiClient
  storage: KeyValueStorage
  userId: () => number | string | null
  now?: () => number
}

/** Server field paths → form fields: `answers.q1` → `q1`, `team` and `team.name` → `teamName`. */
export function formFieldOf(path: string): FormField {
  const parts = path.split('.')
  if (parts[0] === 'answers' && parts[1]) return parts[1]
  if (parts[0] === 'team') return 'teamName'
  return path
}

/** Parses a typed number the way a person writes it: '12.5', '１２', ' 7 ' → number; anything else → null. */
export function parseNumber(text: string): number | null {
  const t = text.trim().replace(/[０-９．－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
  if (!/^-?\d+(\.\d+)?$/.test(t)) return null
  const n = Number(t)
  return Number.isFinite(n) ? n : null
}

export class RegistrationForm {
  event: Event | null = null
  /** The answers as typed, on the device at every change. */
  readonly sync: DraftSync<FormDraft>
  fieldErrors: Record<FormField, string> = {}
  submitError: unknown = null
  submitting = false
  /** Question ids with an upload in flight. */
  uploading: Record<string, boolean> = {}

  constructor(private readonly deps: RegistrationFormDeps) {
    this.sync = new DraftSync<FormDraft>(emptyDraft(), { storage: deps.storage, key: () => this.key, now: deps.now })
    makeAutoObservable<RegistrationForm, 'deps'>(this, { deps: false, sync: false })
  }

  private get key(): string | null {
    const user = this.deps.userId()
    return !this.event || user === null || user === undefined ? null : `${FORM_DRAFT_PREFIX}${user}.${this.event.id}`
  }

  get draft(): FormDraft {
    return this.sync.value
  }

  /** When the draft was last kept on the device (草稿已自动保存在本机). */
  get savedAt(): string | null {
    return this.sync.savedAt
  }

  /** Open the form for an event: restores this user's draft for it, if any (a different user never sees it). */
  open(event: Event): void {
    this.event = event
    this.fieldErrors = {}
    this.submitError = null
    this.uploading = {}
    const key = this.key
    this.sync.restore(null, (key && legacyDraft(this.deps.storage.getItem(key))) || emptyDraft())
  }

  /** The same event as it is now (places, hints), the form as typed: a page coming back into view. */
  refreshEvent(event: Event): void {
    if (this.event?.id === event.id) this.event = event
    else this.open(event)
  }

  /** True when the draft holds anything typed (for 草稿已保存). */
  get hasDraft(): boolean {
    const d = this.draft
    return (
      Object.values(d.answers).some((v) => (Array.isArray(v) ? v.length > 0 : v !== '')) ||
      Object.values(d.files).some((f) => f.length > 0) ||
      d.teamName !== ''
    )
  }

  private change(patch: Partial<FormDraft>): void {
    this.sync.update({ ...this.draft, ...patch })
  }

  private clearError(field: FormField): void {
    if (!this.fieldErrors[field] && !this.fieldErrors._) return
    const next = { ...this.fieldErrors }
    delete next[field]
    delete next._
    this.fieldErrors = next
  }

  setText(questionId: string, value: string): void {
    this.change({ answers: { ...this.draft.answers, [questionId]: value } })
    this.clearError(questionId)
  }

  /** Single choice: tap again to unselect (optional questions). */
  choose(questionId: string, option: string): void {
    const cur = this.draft.answers[questionId]
    this.setText(questionId, cur === option ? '' : option)
  }

  toggle(questionId: string, option: string): void {
    const cur = this.draft.answers[questionId]
    const list = Array.isArray(cur) ? cur : []
    const next = list.includes(option) ? list.filter((o) => o !== option) : [...list, option]
    this.change({ answers: { ...this.draft.answers, [questionId]: next } })
    this.clearError(questionId)
  }

  setTeamName(value: string): void {
    this.change({ teamName: value })
    this.clearError('teamName')
  }

  canAddFile(questionId: string): boolean {
    return (this.draft.files[questionId]?.length ?? 0) < ANSWER_FILES_MAX && !this.uploading[questionId]
  }

  /** Uploads a picked file (temp path on weapp, blob: URL on H5) and keeps it in the draft. */
  async addFile(questionId: string, filePath: string, name: string): Promise<boolean> {
    if (!this.canAddFile(questionId)) return false
    this.uploading = { ...this.uploading, [questionId]: true }
    this.clearError(questionId)
    try {
      const file = await this.deps.api.upload(eventsApi.upload, { filePath, name: 'file' })
      runInAction(() => {
        const list = [...(this.draft.files[questionId] ?? []), { ...file, name }]
        this.change({ files: { ...this.draft.files, [questionId]: list } })
      })
      return true
    } catch (err) {
      runInAction(() => {
        const msg = isApiError(err) ? (err.field('file') ?? err.message) : '上传失败，请重试'
        this.fieldErrors = { ...this.fieldErrors, [questionId]: msg }
      })
      return false
    } finally {
      runInAction(() => {
        const next = { ...this.uploading }
        delete next[questionId]
        this.uploading = next
      })
    }
  }

  removeFile(questionId: string, fileId: string): void {
    const list = (this.draft.files[questionId] ?? []).filter((f) => f.id !== fileId)
    this.change({ files: { ...this.draft.files, [questionId]: list } })
  }

  private answerOf(q: Question): AnswerValue | undefined {
    if (q.type === 'file') {
      const ids = (this.draft.files[q.id] ?? []).map((f) => f.id)
      return ids.length ? ids : undefined
    }
    const raw = this.draft.answers[q.id]
    if (q.type === 'multi_choice') return Array.isArray(raw) && raw.length ? raw.filter((o) => q.options.includes(o)) : undefined
    const text = typeof raw === 'string' ? raw.trim() : ''
    if (!text) return undefined
    if (q.type === 'number') return parseNumber(text) ?? text
    return text
  }

  /** The same checks the server makes, with its wording, so most mistakes show before a round trip. */
  validate(): Record<FormField, string> {
    const errors: Record<FormField, string> = {}
    const event = this.event
    if (!event) return errors
    for (const q of event.questions) {
      const v = this.answerOf(q)
      if (v === undefined) {
        if (q.required) errors[q.id] = q.type === 'file' ? '请上传文件' : q.type.endsWith('choice') ? '请选择' : '请填写此项'
        continue
      }
      if (q.type === 'number' && typeof v !== 'number') errors[q.id] = '请填写数字'
      if (q.type === 'short_text' && typeof v === 'string' && v.length > 500) errors[q.id] = '回答不超过 500 字'
      if (q.type === 'single_choice' && !q.options.includes(String(v))) errors[q.id] = '请选择'
    }
    if (event.entryMode === 'team') {
      const name = this.draft.teamName.trim()
      if (name.length < 2) errors.teamName = '请填写队名'
      else if (name.length > 20) errors.teamName = '队名不超过 20 字'
    }
    return errors
  }

  get body(): { answers: Record<string, AnswerValue>; team?: { name: string } } {
    const answers: Record<string, AnswerValue> = {}
    for (const q of this.event?.questions ?? []) {
      const v = this.answerOf(q)
      if (v !== undefined) answers[q.id] = v
    }
    return this.event?.entryMode === 'team' ? { answers, team: { name: this.draft.teamName.trim() } } : { answers }
  }

  /** Resolves the new registration, or null with `fieldErrors` / `submitError` set (the draft is kept). */
  async submit(): Promise<Registration | null> {
    if (this.submitting || !this.event) return null
    this.submitError = null
    const errors = this.validate()
    this.fieldErrors = errors
    if (Object.keys(errors).length > 0) return null
    if (Object.keys(this.uploading).length > 0) {
      this.fieldErrors = { _: '文件还在上传，请稍候' }
      return null
    }
    this.submitting = true
    try {
      const reg = await this.deps.api.send(eventsApi.register, { params: { id: this.event.id }, body: this.body })
      runInAction(() => {
        this.sync.clear()
        this.sync.restore(null, emptyDraft())
      })
      return reg
    } catch (err) {
      runInAction(() => {
        if (isApiError(err) && Object.keys(err.fields).length > 0) {
          const mapped: Record<FormField, string> = {}
          for (const [path, msg] of Object.entries(err.fields)) {
            const f = formFieldOf(path)
            if (!mapped[f]) mapped[f] = msg
          }
          this.fieldErrors = { ...this.fieldErrors, ...mapped }
        }
        this.submitError = err
      })
      return null
    } finally {
      runInAction(() => {
        this.submitting = false
      })
    }
  }
}
