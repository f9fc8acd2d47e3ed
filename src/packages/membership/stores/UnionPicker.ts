/**
 * 所属工会 in the join form: the first page of unions (a province has thousands: once there is more than a page, the
 * form offers a search by name), and the chosen union, kept visible when it is not on the page shown (a restored
 * draft, a search since). Loaded through a Resource: a later search wins over an earlier one still on its way.
 * Pure TS, no Taro.
 */
import { makeAutoObservable, runInAction } from 'mobx'
import { membershipApi } from '@contract/membership/api'
import type { UnionList, UnionOption } from '@contract/membership/schemas'
import type { ApiClient } from '../../../api/client'
import { Resource } from '../../../stores/Resource'

export const UNION_SEARCH_DEBOUNCE_MS = 300

export interface UnionPickerDeps {
  api: ApiClient
  /** The union chosen in the form (a number, null = 由区总工会兜底, undefined = none yet). */
  chosenId: () => number | null | undefined
  /** The user chose a union (null: 由区总工会兜底). */
  onChoose: (orgId: number | null) => void
  setTimer?: (fn: () => void, ms: number) => unknown
  clearTimer?: (t: unknown) => void
}

export class UnionPicker {
  readonly list: Resource<UnionList>
  query = ''
  /** More unions than one page: the form offers a search by name. */
  searchable = false
  /** The chosen union, kept visible whatever is searched next. */
  selected: UnionOption | null = null
  private timer: unknown = null

  constructor(private readonly deps: UnionPickerDeps) {
    this.list = new Resource(() => this.fetch())
    makeAutoObservable<UnionPicker, 'deps' | 'timer'>(this, { deps: false, list: false, timer: false })
  }

  get items(): UnionOption[] {
    return this.list.data?.items ?? []
  }

  /** More matches than shown for the current search. */
  get more(): boolean {
    return (this.list.data?.nextCursor ?? null) !== null
  }

  get error(): unknown {
    return this.list.error
  }

  /** What to offer: the chosen union first when the page shown does not have it, then the page. */
  get options(): UnionOption[] {
    const s = this.selected
    return s && !this.items.some((u) => u.id === s.id) ? [s, ...this.items] : this.items
  }

  /** The first page of unions matching `query` (and the chosen one by id when it is past that page). */
  load(): Promise<void> {
    return this.list.reload()
  }

  private async fetch(): Promise<UnionList> {
    const q = this.query.trim()
    const res = await this.deps.api.send(membershipApi.unions, { query: { q: q || undefined } })
    if (res.nextCursor !== null) {
      runInAction(() => {
        this.searchable = true
      })
    }
    // A chosen union past this page (a restored draft in a long list): asked for by id, to show it chosen.
    const chosen = this.deps.chosenId()
    if (typeof chosen === 'number' && res.nextCursor !== null && !res.items.some((u) => u.id === chosen) && this.selected?.id !== chosen) {
      const one = await this.deps.api.send(membershipApi.unions, { query: { selected: chosen, limit: 1 } })
      runInAction(() => {
        if (one.selected && one.selected.id === this.deps.chosenId()) this.selected = one.selected
      })
    }
    return res
  }

  /** Typing in the union search: the matching unions shortly after the last keystroke. */
  search(q: string): void {
    this.query = q
    this.cancelTimer()
    const set = this.deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms))
    this.timer = set(() => {
      this.timer = null
      void this.load()
    }, UNION_SEARCH_DEBOUNCE_MS)
  }

  /** Choose a union (null: 由区总工会兜底); it stays shown whatever is searched next. */
  choose(union: UnionOption | null): void {
    this.selected = union
    this.deps.onChoose(union ? union.id : null)
  }

  /** A form opened afresh: nothing chosen on screen yet (the draft's union is looked up by the next load). */
  reset(): void {
    this.selected = null
  }

  private cancelTimer(): void {
    if (this.timer === null) return
    const clear = this.deps.clearTimer ?? ((t) => clearTimeout(t as ReturnType<typeof setTimeout>))
    clear(this.timer)
    this.timer = null
  }

  dispose(): void {
    this.cancelTimer()
  }
}
