import Taro from '@tarojs/taro'
import type { ScanAdapter } from './types'

export const scan: ScanAdapter = {
  supported: true,
  async scan() {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode', 'barCode'] })
      return { ok: true, code: res.result }
    } catch (err) {
      const msg = String((err as { errMsg?: string })?.errMsg ?? '')
      if (msg.includes('cancel')) return { ok: false, reason: 'cancelled', message: '已取消扫码' }
      if (msg.includes('auth') || msg.includes('deny')) return { ok: false, reason: 'denied', message: '需要相机权限才能扫码，请在设置中允许' }
      return { ok: false, reason: 'failed', message: '扫码失败，可手动输入券码' }
    }
  },
}
