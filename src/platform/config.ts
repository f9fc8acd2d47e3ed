/** Build-time settings from .env.* (Taro inlines `process.env.TARO_APP_*`). No Taro import. */
export type ApiTransportKind = 'https' | 'cloud'

export const apiTransport: ApiTransportKind = process.env.TARO_APP_API_TRANSPORT === 'cloud' ? 'cloud' : 'https'
export const apiBase: string = (process.env.TARO_APP_API_BASE || '').replace(/\/+$/, '')
export const cloudEnv: string = process.env.TARO_APP_CLOUD_ENV || ''
export const cloudService: string = process.env.TARO_APP_CLOUD_SERVICE || ''
