import Taro from '@tarojs/taro'
import { ApiError } from '../api/errors'
import { apiBase, apiTransport, cloudEnv, cloudService } from './config'
import type { TransportAdapter } from './types'

type Headers = Record<string, string>

let cloudReady = false
function ensureCloud(): void {
  if (cloudReady) return
  Taro.cloud.init(cloudEnv ? { env: cloudEnv } : {})
  cloudReady = true
}

/** Taro.request to TARO_APP_API_BASE (the domain must be a request 合法域名 in the mini-program admin). */
const https: TransportAdapter = {
  async request(req) {
    const res = await Taro.request({
      url: apiBase + req.url,
      method: req.method as keyof Taro.request.Method,
      header: req.headers,
      data: req.data as TaroGeneral.IAnyObject | undefined,
      timeout: req.timeoutMs,
      dataType: '其他',
      responseType: 'text',
    })
    return { status: res.statusCode, headers: (res.header ?? {}) as Headers, data: res.data }
  },
  async upload(req) {
    const res = await Taro.uploadFile({
      url: apiBase + req.url,
      filePath: req.filePath,
      name: req.name,
      header: req.headers,
      timeout: req.timeoutMs,
    })
    return { status: res.statusCode, headers: {}, data: res.data }
  },
}

/** WeChat Cloud Hosting: no domain to configure; the gateway adds the caller's openid (X-WX-OPENID). */
const cloud: TransportAdapter = {
  async request(req) {
    ensureCloud()
    const res = (await Taro.cloud.callContainer({
      config: { env: cloudEnv },
      path: req.url,
      method: req.method as 'GET',
      header: { 'X-WX-SERVICE': cloudService, ...req.headers },
      data: req.data as Record<string, unknown> | undefined,
      timeout: req.timeoutMs,
      dataType: 'text',
    } as unknown as Parameters<typeof Taro.cloud.callContainer>[0])) as unknown as { statusCode: number; header?: Headers; data: unknown }
    return { status: res.statusCode, headers: res.header ?? {}, data: res.data }
  },
  async upload() {
    throw new ApiError({ code: 'UNSUPPORTED', message: '当前版本暂不支持上传头像，请稍后再试', status: 0 })
  },
}

export const transport: TransportAdapter = apiTransport === 'cloud' ? cloud : https
