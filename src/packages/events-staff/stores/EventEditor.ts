/**
 * 新建活动 / 编辑活动: the form, kept on the device at every change by the app's one draft engine (`DraftSync`,
 * device-only: the server keeps no event drafts), checked with the contract's schema before sending and marked with
 * the server's per-field messages after. In edit mode a draft typed before a reload wins over the stored event
 * (and says so, with a way back to the stored event). Pure TS, no Taro.
 */
import { makeAutoObservable, runInAction } from 'mobx'
import { eventsApi } from '@contract/events/api'
import { EventInput, type Event } from '@contract/events/schemas'
import type { EmploymentType } from '@contract/membership/labels'
import type { ApiClient } from '../../../api/client'
import { isApiError } from '../../../api/errors'
import { DraftSync } from '../../../stores/DraftSync'
import type { KeyValueStorage } from '../../../stores/storage'
import { emptyQuestion, errorsOf, fromEvent, initialForm, isFormState, MAX_QUESTIONS, toInput, type FormState, type QuestionForm } from './event-form'

/**
 * Device key prefix: `<prefix><user>.<new|eventId>`. Its own, apart from the member's registration form
 * (`union.eventDraft.v1.<user>.<eventId>`): an organiser who also registers for the event keeps both drafts.
 */
export const EDIT_DRAFT_PREFIX = 'union.eventEdit.v1.'

export interface AdminOrg {
  id: number
  name: string
}

export interface EventEditorDeps {
  api: ApiClient
  storage: KeyValueStorage
  userId: () => number | string | null
  /** The unions where the caller is admin (may host an event), read when needed: the session may arrive later. */
  orgs: () => AdminOrg[]
  now?: () => number
}

/** Form fields whose server path differs (place.name …): a change clears the message under either name. */
const PATH_OF: Partial<Record<keyof FormState, string>> = { placeName: 'place.name', placeAddress: 'place.address' }

export class EventEditor {
  readonly draft: DraftSync<FormState>
  /** The stored event (edit mode), as last loaded. */
  event: Event | null = null
  /** The form has its starting values (new, or the event and any draft of it). */
  ready = false
  /** Edit mode: a draft of unsaved changes was restored (已恢复您上次未保存的修改). */
  restored = false
  errors: Record<string, string> = {}
  busy = false
  /** The last save's failure: the schema's first message, or the server's refusal. */
  error: unknown = null

  constructor(
    private readonly deps: EventEditorDeps,
    /** 0 = a new event. */
    readonly editId: number,
  ) {
    const now = deps.now ?? Date.now
    this.draft = new DraftSync<FormState>(initialForm(null, now()), {
      storage: deps.storage,
      key: () => `${EDIT_DRAFT_PREFIX}${deps.userId() ?? 'anon'}.${editId || 'new'}`,
      now,
    })
    makeAutoObservable<EventEditor, 'deps'>(this, { deps: false, draft: false, editId: false })
  }

  get form(): FormState | null {
    return this.ready ? this.draft.value : null
  }

  /** Once anyone has registered the server freezes what registrations depend on (it also counts cancelled ones, so
   * its 400 beside the field remains the last word). */
  get frozen(): boolean {
    const c = this.event?.counts
    return !!c && c.taken + c.waitlisted + c.checkedIn + c.noShow > 0
  }

  /** A new event: the draft on this device, or a blank form. */
  startNew(): void {
    const now = (this.deps.now ?? Date.now)()
    this.restoreOr(initialForm(this.deps.orgs()[0]?.id ?? null, now))
    this.ready = true
  }

  /** The stored event arrived (first load: the form opens on it or on its draft; later: only its counts). */
  open(event: Event): void {
    this.event = event
    if (this.ready) return
    this.restored = this.restoreOr(fromEvent(event))
    this.ready = true
  }

  /** 放弃修改，重新载入: forget the draft, back to the stored event. */
  discard(): void {
    if (!this.event) return
    this.draft.clear()
    this.draft.restore(null, fromEvent(this.event))
    this.restored = false
    this.errors = {}
  }

  /** The device copy when there is one (and it is this form), else `fallback`. True when a copy was restored. */
  private restoreOr(fallback: FormState): boolean {
    const value = this.draft.restore(null, fallback)
    // 'idle': nothing on the device, the fallback it is.
    if (this.draft.state === 'idle') return false
    if (!isFormState(value)) {
      this.draft.clear()
      this.draft.restore(null, fallback)
      return false
    }
    return true
  }

  private change(patch: Partial<FormState>, ...cleared: string[]): void {
    const f = this.form
    if (!f) return
    this.draft.update({ ...f, ...patch })
    if (cleared.some((k) => this.errors[k])) {
      const next = { ...this.errors }
      for (const k of cleared) next[k] = ''
      this.errors = next
    }
  }

  set<K extends keyof FormState>(k: K, v: FormState[K]): void {
    this.change({ [k]: v } as Partial<FormState>, k, ...(PATH_OF[k] ? [PATH_OF[k] as string] : []))
  }

  setQuestion(i: number, patch: Partial<QuestionForm>): void {
    const f = this.form
    if (!f) return
    this.change(
      { questions: f.questions.map((q, j) => (j === i ? { ...q, ...patch } : q)) },
      'questions',
      ...Object.keys(patch).map((k) => `questions.${i}.${k}`),
    )
  }

  addQuestion(): void {
    const f = this.form
    if (f && f.questions.length < MAX_QUESTIONS) this.change({ questions: [...f.questions, emptyQuestion()] })
  }

  removeQuestion(i: number): void {
    const f = this.form
    if (f) this.change({ questions: f.questions.filter((_, j) => j !== i) })
  }

  /** 可报名的会员: tap a type on or off (from the current value: two quick taps both count). */
  toggleType(t: EmploymentType): void {
    const ts = this.form?.eligibleEmploymentTypes ?? []
    this.change({ eligibleEmploymentTypes: ts.includes(t) ? ts.filter((x) => x !== t) : [...ts, t] }, 'eligibleEmploymentTypes')
  }

  setCoords(lat: number, lng: number): void {
    this.change({ lat: lat.toFixed(6), lng: lng.toFixed(6) }, 'place.lat', 'place.lng')
  }

  /** Publishes (new) or saves (edit); resolves the stored event, or null with `errors` / `error` set. */
  async save(): Promise<Event | null> {
    const f = this.form
    if (!f || this.busy) return null
    const parsed = EventInput.safeParse(toInput({ ...f, orgId: f.orgId ?? this.deps.orgs()[0]?.id ?? null }))
    if (!parsed.success) {
      const e = errorsOf(parsed.error.issues, f)
      this.errors = e
      this.error = `请检查填写的内容：${Object.values(e)[0]}`
      return null
    }
    this.busy = true
    this.error = null
    try {
      const saved = this.editId
        ? await this.deps.api.send(eventsApi.updateEvent, { params: { id: this.editId }, body: parsed.data })
        : await this.deps.api.send(eventsApi.createEvent, { body: parsed.data })
      runInAction(() => this.draft.clear())
      return saved
    } catch (err) {
      runInAction(() => {
        if (isApiError(err) && Object.keys(err.fields).length) this.errors = err.fields
        this.error = err
      })
      return null
    } finally {
      runInAction(() => {
        this.busy = false
      })
    }
  }

  /** The page is gone (the device copy stays). */
  dispose(): void {
    this.draft.dispose()
  }
}
