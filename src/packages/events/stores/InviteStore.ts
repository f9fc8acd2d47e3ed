/**
 * 接受组队邀请: the code from the shared link (or typed), what it shows before accepting — the event, the team's
 * name and size, the captain masked — and the acceptance. Refusals come from the server in Chinese and name
 * nobody. The invitation looked up is a `Resource` per code (loading, failure, a refresh that keeps what is shown).
 * Pure TS, no Taro.
 */
import { makeAutoObservable, runInAction } from 'mobx'
import { eventsApi } from '@contract/events/api'
import { INVITE_CODE_LENGTH, normaliseInviteCode } from '@contract/events/labels'
import type { InvitePreview, TeamView } from '@contract/events/schemas'
import type { ApiClient } from '../../../api/client'
import { isApiError } from '../../../api/errors'
import { Resource } from '../../../stores/Resource'

/** A scanned invitation QR holds the page path (…?code=XXXX); a typed one is the code itself. */
export function codeFromScan(text: string): string {
  const m = /[?&]code=([^&\s]+)/.exec(text)
  return m ? decodeURIComponent(m[1]) : text
}

/** Refusals of a looked-up code that belong beside the field: unknown code, too many tries. */
const fieldRefusal = (err: unknown): string | null => (isApiError(err) && (err.status === 404 || err.status === 429) ? err.message : null)

export class InviteStore {
  /** As typed (or from the link). */
  code = ''
  /** The code's shape is wrong (checked before asking). */
  private shapeError: string | null = null
  /** The invitation of the code last opened. */
  lookup: Resource<InvitePreview> | null = null
  accepting = false
  acceptError: unknown = null
  /** The team after accepting. */
  joined: TeamView | null = null

  constructor(private readonly api: ApiClient) {
    makeAutoObservable<InviteStore, 'api'>(this, { api: false })
  }

  setCode(value: string): void {
    this.code = value
    this.shapeError = null
    // Typing another code: the last one's refusal no longer applies.
    if (!this.preview) this.lookup = null
  }

  get normalised(): string {
    return normaliseInviteCode(this.code)
  }

  get preview(): InvitePreview | null {
    return this.lookup?.data ?? null
  }

  get loading(): boolean {
    return this.lookup?.loading ?? false
  }

  /** Beside the field: a malformed code, or the server's word on an unknown one / too many tries. */
  get codeError(): string | null {
    return this.shapeError ?? fieldRefusal(this.lookup?.error)
  }

  /** Any other failure to look the code up (network …), shown under the button. */
  get loadError(): unknown {
    const err = this.lookup?.error
    return err && !fieldRefusal(err) ? err : null
  }

  /** Looks the invitation up; false with `codeError` for a malformed or unknown code. */
  async open(code?: string): Promise<boolean> {
    if (code !== undefined) this.setCode(code)
    const c = this.normalised
    if (c.length !== INVITE_CODE_LENGTH) {
      this.shapeError = `邀请码为 ${INVITE_CODE_LENGTH} 位字母或数字`
      return false
    }
    this.acceptError = null
    // The same code again (after a refused acceptance) refreshes what is shown; another code is a new lookup.
    if (this.lookup?.data?.code !== c) this.lookup = new Resource(() => this.api.send(eventsApi.invitePreview, { params: { code: c } }))
    const lookup = this.lookup
    await lookup.reload()
    return lookup.error === null
  }

  async accept(): Promise<TeamView | null> {
    if (!this.preview || this.accepting) return null
    this.accepting = true
    this.acceptError = null
    try {
      const team = await this.api.send(eventsApi.acceptInvite, { params: { code: this.preview.code } })
      runInAction(() => {
        this.joined = team
      })
      return team
    } catch (err) {
      runInAction(() => {
        this.acceptError = err
      })
      // Used up, withdrawn, full or closed meanwhile: show the invitation as it is now.
      if (isApiError(err) && err.status === 409) {
        const code = this.preview.code
        await this.open(code)
        runInAction(() => {
          this.acceptError = err
        })
      }
      return null
    } finally {
      runInAction(() => {
        this.accepting = false
      })
    }
  }
}
