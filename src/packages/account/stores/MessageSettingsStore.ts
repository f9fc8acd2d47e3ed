/**
 * 消息设置: per subscription template, the member's WeChat switch and the sends they hold; the marketing switch; and
 * asking WeChat for one more send of a template. Each switch saves on its own (the server changes only what it is
 * told), shows 保存中… while it saves, and says 已保存 or why not. Pure TS (no Taro): tested in node.
 */
import { makeAutoObservable, runInAction } from 'mobx'
import { notificationsApi } from '@contract/notifications/api'
import type { SubscribeTemplateKey } from '@contract/notifications/labels'
import type { NotificationSettings, TemplateSetting } from '@contract/notifications/schemas'
import type { ApiClient } from '../../../api/client'
import { errorMessage } from '../../../api/errors'
import { Resource } from '../../../stores/Resource'
import type { SubscriptionStore } from '../../../stores/SubscriptionStore'

/** Which control a note belongs to: a template's key, or the marketing switch. */
export type SettingKey = SubscribeTemplateKey | 'marketing'

export interface SettingNote {
  kind: 'saved' | 'error' | 'info'
  text: string
}

export class MessageSettingsStore {
  readonly settings: Resource<NotificationSettings>
  /** The controls with something under way, and what to say meanwhile (保存中… / 正在订阅…). */
  busy = new Map<SettingKey, string>()
  /** The last word under each control (已保存, the refusal, the outcome of 再次订阅). */
  notes = new Map<SettingKey, SettingNote>()

  constructor(
    private readonly api: ApiClient,
    private readonly subscriptions: SubscriptionStore,
  ) {
    this.settings = new Resource(() => this.api.send(notificationsApi.settings))
    makeAutoObservable<MessageSettingsStore, 'api' | 'subscriptions'>(this, { api: false, subscriptions: false, settings: false })
  }

  /** WeChat notices exist here (the mini-program); in the browser they do not. */
  get wechatSupported(): boolean {
    return this.subscriptions.supported
  }

  load(): Promise<void> {
    return this.settings.load()
  }

  setWechat(key: SubscribeTemplateKey, on: boolean): Promise<void> {
    return this.save(key, { wechat: [{ key, on }] }, on ? '已开启微信通知' : '已关闭微信通知，消息仍会在“消息”中显示')
  }

  setMarketing(on: boolean): Promise<void> {
    return this.save('marketing', { marketing: on }, on ? '已开启' : '已关闭，不再收到此类通知')
  }

  /**
   * 再次订阅 from the tap: WeChat's dialog opens at once (nothing awaited before it); an acceptance is one more send,
   * and the count shown is read again from the server.
   */
  resubscribe(t: TemplateSetting): Promise<void> {
    if (!t.templateId) return Promise.resolve()
    const asked = this.subscriptions.askIds([t.templateId])
    this.busy.set(t.key, '正在订阅…')
    this.notes.delete(t.key)
    return asked.then(async (outcome) => {
      if (outcome.kind === 'accepted') await this.settings.reload()
      const fresh = this.settings.data?.templates.find((x) => x.key === t.key)
      runInAction(() => {
        this.busy.delete(t.key)
        this.notes.set(
          t.key,
          outcome.kind === 'accepted'
            ? { kind: 'saved', text: `已订阅，还可接收 ${fresh?.credits ?? t.credits + 1} 次` }
            : outcome.kind === 'declined'
              ? { kind: 'info', text: '您未同意接收。若曾选择“总是保持以上选择”，请在微信 右上角“···”→ 设置 → 订阅消息 中打开' }
              : { kind: 'error', text: outcome.message },
        )
      })
    })
  }

  private async save(key: SettingKey, body: { wechat?: { key: SubscribeTemplateKey; on: boolean }[]; marketing?: boolean }, done: string) {
    if (this.busy.has(key)) return
    this.busy.set(key, '保存中…')
    this.notes.delete(key)
    try {
      const next = await this.api.send(notificationsApi.saveSettings, { body })
      runInAction(() => {
        this.settings.set(next)
        this.notes.set(key, { kind: 'saved', text: done })
      })
    } catch (err) {
      runInAction(() => {
        this.notes.set(key, { kind: 'error', text: errorMessage(err) })
      })
    } finally {
      runInAction(() => {
        this.busy.delete(key)
      })
    }
  }
}
