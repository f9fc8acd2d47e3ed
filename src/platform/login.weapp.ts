import Taro from '@tarojs/taro'
import { apiTransport } from './config'
import type { LoginAdapter } from './types'

export const login: LoginAdapter = {
  method: apiTransport === 'cloud' ? 'cloud' : 'wechat',
  async getCode() {
    const res = await Taro.login({ timeout: 10000 })
    if (!res.code) throw new Error('微信登录失败，请稍后再试')
    return res.code
  },
}
