import type { LocationAdapter } from './types'

export const location: LocationAdapter = {
  canChoose: false,
  async chooseLocation() {
    return { ok: false, reason: 'unsupported', message: '浏览器中请直接填写经纬度' }
  },
  locate() {
    return new Promise((resolve) => {
      if (typeof navigator === 'undefined' || !navigator.geolocation) {
        resolve({ ok: false, reason: 'unsupported', message: '当前浏览器无法定位，将按默认顺序显示' })
        return
      }
      navigator.geolocation.getCurrentPosition(
        (pos) => resolve({ ok: true, latitude: pos.coords.latitude, longitude: pos.coords.longitude, accuracy: pos.coords.accuracy }),
        (err) =>
          resolve(
            err.code === err.PERMISSION_DENIED
              ? { ok: false, reason: 'denied', message: '未获得位置权限，将按默认顺序显示' }
              : { ok: false, reason: 'failed', message: '暂时无法获取位置，将按默认顺序显示' },
          ),
        { enableHighAccuracy: false, timeout: 8000, maximumAge: 5 * 60 * 1000 },
      )
    })
  },
  async open(place) {
    // 高德's marker page takes GCJ-02 coordinates as they are (and hands over to its app on a phone).
    const url = `https://uri.amap.com/marker?position=${place.longitude},${place.latitude}&name=${encodeURIComponent(place.name)}&src=union-member-app&coordinate=gaode&callnative=1`
    if (typeof window === 'undefined') return { ok: false, reason: 'unsupported', message: '当前环境无法打开地图' }
    window.open(url, '_blank', 'noopener')
    return { ok: true }
  },
}
