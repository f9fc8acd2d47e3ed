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

export class SubscriptionStore {
  private templates: SubscribeTemplate[] | null = null
  private loading: Promise<void> | null = null

  constructor(
    private readonly api: ApiClient,
    private readonly adapter: SubscribeAdapter,
    private readonly signedIn: () => boolean,
  ) {}

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
    let asked: ReturnType<SubscribeAdapter['request']>
    try {
      asked = this.adapter.request(ids)
    } catch {
      return Promise.resolve()
    }
    return asked
      .then(async (res) => {
        if (res.ok && res.accepted.length > 0) {
          await this.api.send(notificationsApi.reportSubscriptions, { body: { accepted: res.accepted } })
        }
      })
      .catch(() => undefined)
  }
}
