/**
 * The check-in code a member shows at the door: fetched from the server, signed for this login and valid ~60 s;
 * the page calls `refresh()` every CHECKIN_CODE_REFRESH_MS while it is shown, so a screenshot of it is soon
 * worthless. Pure TS, no Taro.
 */
import { makeAutoObservable, runInAction } from 'mobx'
import { eventsApi } from '@contract/events/api'
import type { ApiClient } from '../../../api/client'
import { errorMessage, isApiError } from '../../../api/errors'

export class DoorCode {
  code: string | null = null
  expiresAt: string | null = null
  /** Why no code is shown (not confirmed, checked in, network…); null while a code is shown. */
  message: string | null = null

  constructor(
    private readonly api: ApiClient,
    private readonly registrationId: number,
  ) {
    makeAutoObservable<DoorCode, 'api' | 'registrationId'>(this, { api: false, registrationId: false })
  }

  async refresh(): Promise<void> {
    try {
      const res = await this.api.send(eventsApi.checkinCode, { params: { id: this.registrationId } })
      runInAction(() => {
        this.code = res.code
        this.expiresAt = res.expiresAt
        this.message = null
      })
    } catch (err) {
      runInAction(() => {
        // A code that can no longer be used must not stay on screen.
        if (isApiError(err) && err.status !== 0) this.code = null
        this.message = errorMessage(err)
      })
    }
  }

  /** Stop showing the code (the page is hidden). */
  clear(): void {
    this.code = null
    this.expiresAt = null
  }
}
