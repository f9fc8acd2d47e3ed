/**
 * 我的队伍: the team as its captain or a team-mate sees it, and what they may do before the registration
 * deadline — the captain invites (a random code to share), withdraws unused invitations and removes members; a
 * team-mate leaves. Every action answers with the team as it is now. The team itself is a `Resource` (loading,
 * failure, retry, a failed refresh keeping what is shown). Pure TS, no Taro.
 */
import { makeAutoObservable, runInAction } from 'mobx'
import { eventsApi } from '@contract/events/api'
import type { TeamInvite, TeamView } from '@contract/events/schemas'
import type { ApiClient } from '../../../api/client'
import { isApiError } from '../../../api/errors'
import { Resource } from '../../../stores/Resource'

export type TeamAction = 'invite' | 'withdraw' | 'remove' | 'leave'

export class TeamStore {
  readonly resource: Resource<TeamView>
  /** The last action's error (shown above the buttons); cleared by the next action. */
  actionError: unknown = null
  busy: TeamAction | null = null
  private left = false

  constructor(
    private readonly api: ApiClient,
    readonly registrationId: number,
  ) {
    this.resource = new Resource(() => this.api.send(eventsApi.team, { params: { id: this.registrationId } }))
    makeAutoObservable<TeamStore, 'api'>(this, { api: false, resource: false })
  }

  get view(): TeamView | null {
    return this.resource.data
  }

  get loadError(): unknown {
    return this.resource.error
  }

  /** After leaving (or being removed meanwhile: the team answers 404): the team page is no longer the caller's. */
  get gone(): boolean {
    return this.left || (isApiError(this.resource.error) && this.resource.error.status === 404)
  }

  get isCaptain(): boolean {
    return this.view?.role === 'captain'
  }

  /** The invitation to share first: the newest one nobody accepted yet. */
  get latestInvite(): TeamInvite | null {
    const list = this.view?.invites ?? []
    return list.length ? list[list.length - 1] : null
  }

  /** Load the team (again: polling, back on the page, after a refused action). */
  load(): Promise<void> {
    return this.resource.reload()
  }

  private async act(action: TeamAction, call: () => Promise<TeamView>): Promise<boolean> {
    if (this.busy) return false
    this.busy = action
    this.actionError = null
    try {
      const view = await call()
      runInAction(() => {
        this.resource.set(view)
        if (action === 'leave') this.left = true
      })
      return true
    } catch (err) {
      runInAction(() => {
        this.actionError = err
      })
      // The team changed meanwhile (someone joined, the deadline passed): show it as it is now.
      if (isApiError(err) && err.status === 409) await this.load()
      return false
    } finally {
      runInAction(() => {
        this.busy = null
      })
    }
  }

  invite(): Promise<boolean> {
    return this.act('invite', () => this.api.send(eventsApi.invite, { params: { id: this.registrationId } }))
  }

  withdraw(inviteId: number): Promise<boolean> {
    return this.act('withdraw', () => this.api.send(eventsApi.withdrawInvite, { params: { id: this.registrationId, inviteId } }))
  }

  remove(memberId: number): Promise<boolean> {
    return this.act('remove', () => this.api.send(eventsApi.removeMember, { params: { id: this.registrationId, memberId } }))
  }

  leave(): Promise<boolean> {
    return this.act('leave', () => this.api.send(eventsApi.leaveTeam, { params: { id: this.registrationId } }))
  }
}
