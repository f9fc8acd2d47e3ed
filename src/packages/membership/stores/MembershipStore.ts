/**
 * 入会: the caller's membership and latest application (a Resource), the join form with its draft (JoinForm) and
 * the union picker of that form (UnionPicker). Loading the membership restores the form's draft. Pure TS, no Taro.
 */
import { makeAutoObservable, runInAction } from 'mobx'
import { membershipApi } from '@contract/membership/api'
import type { JoinApplication, Membership, MyMembership } from '@contract/membership/schemas'
import type { ApiClient } from '../../../api/client'
import { Resource } from '../../../stores/Resource'
import type { KeyValueStorage } from '../../../stores/storage'
import { JoinForm } from './JoinForm'
import { UnionPicker } from './UnionPicker'

export interface MembershipStoreDeps {
  api: ApiClient
  storage: KeyValueStorage
  /** Whose draft this is (the logged-in user's id); drafts are kept per user on a shared phone. */
  userId: () => number | string | null
  now?: () => number
  setTimer?: (fn: () => void, ms: number) => unknown
  clearTimer?: (t: unknown) => void
}

export class MembershipStore {
  /** GET /api/membership/me: membership, latest application (with timeline), server-side draft. */
  readonly mine: Resource<MyMembership>
  readonly join: JoinForm
  readonly unions: UnionPicker

  constructor(deps: MembershipStoreDeps) {
    const { api, storage, userId, now, setTimer, clearTimer } = deps
    this.mine = new Resource(() => api.send(membershipApi.mine))
    this.join = new JoinForm({
      api,
      storage,
      userId,
      now,
      setTimer,
      clearTimer,
      application: () => this.application,
      onSubmitted: (application) => this.submitted(application),
    })
    this.unions = new UnionPicker({
      api,
      setTimer,
      clearTimer,
      chosenId: () => this.join.form.orgId,
      onChoose: (orgId) => this.join.setField('orgId', orgId),
    })
    makeAutoObservable(this, { mine: false, join: false, unions: false })
  }

  get loading(): boolean {
    return this.mine.loading
  }

  /** Answered at least once. */
  get loaded(): boolean {
    return this.mine.data !== null
  }

  get loadError(): unknown {
    return this.mine.error
  }

  get membership(): Membership | null {
    return this.mine.data?.membership ?? null
  }

  get application(): JoinApplication | null {
    return this.mine.data?.application ?? null
  }

  /** A union has this person's name on its roster, maybe: 会员认证 is offered before the join form. */
  get claimAvailable(): boolean {
    return this.mine.data?.claimAvailable ?? false
  }

  get isMember(): boolean {
    return this.membership !== null
  }

  get isRejected(): boolean {
    return this.application?.status === 'rejected'
  }

  /** The form may be filled: no application yet, or the last one was rejected. */
  get canApply(): boolean {
    return !this.membership && (!this.application || this.application.status === 'rejected')
  }

  /** GET mine; then open the form: the newest draft (server vs device), else prefilled from a rejected application. */
  async load(): Promise<void> {
    await this.mine.reload()
    runInAction(() => {
      const mine = this.mine.data
      if (this.mine.error) {
        // Offline: the device draft still opens so nothing typed is lost.
        if (!mine) this.openForm(null, null)
      } else if (mine) {
        this.openForm(mine.draft, mine.draftSavedAt)
      }
    })
  }

  private openForm(draft: MyMembership['draft'], savedAt: string | null): void {
    this.unions.reset()
    this.join.restore(draft, savedAt)
  }

  private submitted(application: JoinApplication): void {
    const mine = this.mine.data ?? { membership: null, application: null, draft: null, draftSavedAt: null, claimAvailable: false }
    this.mine.set({ ...mine, application, draft: null, draftSavedAt: null, claimAvailable: false })
  }

  dispose(): void {
    this.join.dispose()
    this.unions.dispose()
  }
}
