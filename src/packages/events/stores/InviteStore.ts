/**
 * 接受组队邀请: the code from the shared link (or typed), what it shows before accepting — the event, the team's
 * name and size, the captain masked — and the acceptance. Refusals come from the server in Chinese and name
 * nobody. Pure TS, no Taro.
 */
import { makeAutoObservable, runInAction } from 'mobx'
import { eventsApi } from '@contract/events/api'
import { INVITE_CODE_LENGTH, normaliseInviteCode } from '@contract/events/labels'
import type { InvitePreview, TeamView } from '@contract/events/schemas'
import type { ApiClient } from '../../../api/client'
import { isApiError } from '../../../api/errors'

/** A scanned invitation QR holds the page path (…?code=XXXX); a typed one is the code itself. */
export function codeFromScan(text: string): string {
  const m = /[?&]code=([^&\s]+)/.exec(text)
  return m ? decodeURIComponent(m[1]) : text
}

export class InviteStore {
  /** As typed (or from the link). */
  code = ''
  codeError: string | null = null
  preview: InvitePreview | null = null
  loading = false
  loadError: unknown = null
  accepting = false
  acceptError: unknown = null
  /** The team after accepting. */
  joined: TeamView | null = null

  constructor(private readonly api: ApiClient) {
    makeAutoObservable<InviteStore, 'api'>(this, { api: false })
  }

  setCode(value: string): void {
    this.code = value
    this.codeError = null
  }

  get normalised(): string {
    return normaliseInviteCode(this.code)
  }

  /** Looks the invitation up; false with `codeError` for a malformed or unknown code. */
  async open(code?: string): Promise<boolean> {
    if (code !== undefined) this.setCode(code)
    const c = this.normalised
    if (c.length !== INVITE_CODE_LENGTH) {
      this.codeError = `邀请码为 ${INVITE_CODE_LENGTH} 位字母或数字`
      return false
    }
    this.loading = true
    this.loadError = null
    this.acceptError = null
    try {
      const preview = await this.api.send(eventsApi.invitePreview, { params: { code: c } })
      runInAction(() => {
        this.preview = preview
      })
      return true
    } catch (err) {
      runInAction(() => {
        this.preview = null
        if (isApiError(err) && (err.status === 404 || err.status === 429)) this.codeError = err.message
        else this.loadError = err
      })
      return false
    } finally {
      runInAction(() => {
        this.loading = false
      })
    }
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
