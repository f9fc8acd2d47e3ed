/**
 * 订阅消息 from the app's side: the server's templates are loaded ahead of time (weapp only), so that the tap that
 * starts a process (提交入会申请, 立即领取, 报名, 提交帮扶申请) can open WeChat's subscription dialog at once — WeChat
 * only shows it from a tap, before anything else is awaited. Each acceptance is reported to the server, which
 * records one send credit per template. Never blocks, never fails the tap's own work: a refusal, a closed dialog or
 * a lost report only means that notice stays in 我的 → 消息.
 */
import { notificationsApi } from '@contract/notifications/api'
import type { SubscribeTemplateKey } from '@contract/notifications/labels'
import type { SubscribeTemplate } from '@contract/notifications/schemas'
import type { ApiClient } from '../api/client'
import type { SubscribeAdapter } from '../platform/types'

/** WeChat shows at most 3 templates per dialog. */
const MAX_PER_REQUEST = 3

/** How a subscription dialog ended: accepted (and reported to the server), declined, or not possible here. */
export type SubscribeOutcome =
  | { kind: 'accepted'; accepted: string[] }
  | { kind: 'declined' }
  | { kind: 'unsupported' | 'failed'; message: string }

export class SubscriptionStore {
  private templates: SubscribeTemplate[] | null = null
  private loading: Promise<void> | null = null

  constructor(
    private readonly api: ApiClient,
    private readonly adapter: SubscribeAdapter,
    private readonly signedIn: () => boolean,
  ) {}

  /** WeChat subscription messages exist on this platform (the weapp; not the H5 app). */
  get supported(): boolean {
    return this.adapter.supported
  }

  /** Fetches the templates before the tap (a page that starts a process calls it on mount). */
  prepare(): void {
    if (!this.adapter.supported || this.templates || this.loading || !this.signedIn()) return
    this.loading = this.api
      .send(notificationsApi.subscribeTemplates)
      .then((res) => {
        this.templates = res.templates
      })
      .catch(() => undefined)
      .finally(() => {
        this.loading = null
      })
  }

  /**
   * Call first thing in a tap handler, without awaiting it: WeChat's dialog opens synchronously for the configured
   * templates among `keys` (at most 3), and the acceptances go to the server when the dialog closes.
   */
  ask(keys: SubscribeTemplateKey[]): Promise<void> {
    if (!this.adapter.supported) return Promise.resolve()
    const ids = (this.templates ?? [])
      .filter((t) => (keys as string[]).includes(t.key))
      .map((t) => t.templateId)
      .slice(0, MAX_PER_REQUEST)
    if (ids.length === 0) {
      this.prepare()
      return Promise.resolve()
    }
    return this.askIds(ids).then(() => undefined)
  }

  /**
   * Opens WeChat's dialog for these template ids (call it first thing in a tap handler, before anything is awaited)
   * and reports the acceptances to the server. 消息设置 uses it for one template at a time; the outcome says what
   * to tell the member. Never rejects.
   */
  askIds(templateIds: string[]): Promise<SubscribeOutcome> {
    const ids = templateIds.slice(0, MAX_PER_REQUEST)
    let asked: ReturnType<SubscribeAdapter['request']>
    try {
      asked = this.adapter.request(ids)
    } catch {
      return Promise.resolve({ kind: 'failed', message: '订阅消息暂时无法开启，请稍后再试' })
    }
    return asked
      .then(async (res): Promise<SubscribeOutcome> => {
        if (!res.ok) return { kind: res.reason === 'unsupported' ? 'unsupported' : 'failed', message: res.message }
        if (res.accepted.length === 0) return { kind: 'declined' }
        await this.api.send(notificationsApi.reportSubscriptions, { body: { accepted: res.accepted } })
        return { kind: 'accepted', accepted: res.accepted }
      })
      .catch((): SubscribeOutcome => ({ kind: 'failed', message: '订阅结果未能保存，请稍后再试' }))
  }
}
