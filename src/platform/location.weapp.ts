import Taro from '@tarojs/taro'
import type { LocationAdapter } from './types'

export const location: LocationAdapter = {
  canChoose: true,
  async chooseLocation(near) {
    try {
      const res = await Taro.chooseLocation(near ? { latitude: near.latitude, longitude: near.longitude } : {})
      return { ok: true, latitude: res.latitude, longitude: res.longitude, name: res.name || undefined, address: res.address || undefined }
    } catch (err) {
      const msg = String((err as { errMsg?: string })?.errMsg ?? '')
      if (msg.includes('cancel')) return { ok: false, reason: 'cancelled', message: '未选择位置' }
      if (msg.includes('auth') || msg.includes('deny') || msg.includes('privacy')) {
        return { ok: false, reason: 'denied', message: '未获得使用地图选点的授权，可直接填写经纬度' }
      }
      return { ok: false, reason: 'failed', message: '地图暂时打不开，可直接填写经纬度' }
    }
  },
  async locate() {
    try {
      const res = await Taro.getLocation({ type: 'gcj02' })
      return { ok: true, latitude: res.latitude, longitude: res.longitude, accuracy: res.accuracy }
    } catch (err) {
      const msg = String((err as { errMsg?: string })?.errMsg ?? '')
      if (msg.includes('auth') || msg.includes('deny')) {
        return { ok: false, reason: 'denied', message: '未获得位置权限，将按默认顺序显示' }
      }
      return { ok: false, reason: 'failed', message: '暂时无法获取位置，将按默认顺序显示' }
    }
  },
  async open(place) {
    try {
      await Taro.openLocation({ latitude: place.latitude, longitude: place.longitude, name: place.name, address: place.address, scale: 17 })
      return { ok: true }
    } catch {
      return { ok: false, reason: 'failed', message: '无法打开地图，请稍后重试' }
    }
  },
}
