/**
 * 账号与安全 (issue 19): the member's 注销 / 退会 / 下载我的数据 state and the actions on it. Pure TS (no Taro): the
 * page hands in the document adapter's `open`, so this is tested in node.
 */
import { makeAutoObservable, runInAction } from 'mobx'
import { privacyApi } from '@contract/privacy/api'
import type { ExportView, PrivacyOverview } from '@contract/privacy/schemas'
import type { ApiClient } from '../../../api/client'
import { errorMessage } from '../../../api/errors'
import type { DocumentRequest, OpenDocumentResult } from '../../../platform/types'
import { Resource } from '../../../stores/Resource'

export type SecurityAction = 'export' | 'departure' | 'withdraw' | 'erasure' | `download-${number}-${'xlsx' | 'json'}`

export interface SecurityNote {
  kind: 'ok' | 'error'
  text: string
}

export class SecurityStore {
  readonly overview: Resource<PrivacyOverview>
  busy: SecurityAction | null = null
  /** The last word, and the action it is about (shown beside that action). */
  note: SecurityNote | null = null
  lastAction: SecurityAction | null = null

  constructor(
    private readonly api: ApiClient,
    private readonly session: { logout(): Promise<void> },
  ) {
    this.overview = new Resource(() => this.api.send(privacyApi.overview))
    makeAutoObservable<SecurityStore, 'api' | 'session'>(this, { api: false, session: false, overview: false })
  }

  load(): Promise<void> {
    return this.overview.load()
  }

  requestExport(): Promise<void> {
    return this.run('export', async () => {
      await this.api.send(privacyApi.requestExport)
      await this.overview.load()
      return '已提交，数据副本正在准备，通常几分钟内完成，请稍后刷新本页下载'
    })
  }

  /** Fetches fresh signed links for the copy, then hands one to the platform's document opener. */
  download(e: ExportView, kind: 'xlsx' | 'json', open: (req: DocumentRequest) => Promise<OpenDocumentResult>): Promise<void> {
    return this.run(`download-${e.id}-${kind}`, async () => {
      const detail = await this.api.send(privacyApi.exportDetail, { params: { id: e.id } })
      const url = kind === 'xlsx' ? detail.xlsxUrl : detail.jsonUrl
      if (!url) return '数据副本正在准备中，请稍后再来下载'
      const r = await open({ url, headers: {}, fileName: kind === 'xlsx' ? '我的数据.xlsx' : '我的数据.json', fileType: kind })
      if (!r.ok) throw new Error(r.message)
      return '已下载'
    })
  }

  requestDeparture(reason: string): Promise<void> {
    return this.run('departure', async () => {
      await this.api.send(privacyApi.requestDeparture, { body: reason.trim() ? { reason: reason.trim() } : {} })
      await this.overview.load()
      return '退会申请已提交，等待工会确认'
    })
  }

  withdrawDeparture(): Promise<void> {
    return this.run('withdraw', async () => {
      await this.api.send(privacyApi.withdrawDeparture)
      await this.overview.load()
      return '已撤回退会申请'
    })
  }

  /** 注销账号: the server logs the account out everywhere; so does the app, at once (a login would cancel it). */
  async requestErasure(): Promise<boolean> {
    let ok = false
    await this.run('erasure', async () => {
      await this.api.send(privacyApi.requestErasure, { body: { confirm: true } })
      ok = true
      await this.session.logout()
      return '注销申请已提交'
    })
    return ok
  }

  private async run(action: SecurityAction, body: () => Promise<string>): Promise<void> {
    if (this.busy) return
    this.busy = action
    this.note = null
    this.lastAction = action
    try {
      const text = await body()
      runInAction(() => (this.note = { kind: 'ok', text }))
    } catch (err) {
      runInAction(() => (this.note = { kind: 'error', text: errorMessage(err) }))
    } finally {
      runInAction(() => (this.busy = null))
    }
  }
}
