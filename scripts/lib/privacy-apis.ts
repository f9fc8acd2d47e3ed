/**
 * WeChat's privacy rules for the APIs a mini-program calls, checked against the code: an API that collects location
 * must be declared in app.json `requiredPrivateInfos` (and, where WeChat asks the user, carry a `permission` scope
 * with the reason shown to them), and every API on WeChat's 用户隐私保护指引 list must be covered by an item of our
 * own guide (src/packages/account/privacy/items.ts) — otherwise WeChat refuses the call at run time and the feature
 * silently degrades (as the merchants' distance sort did). `scripts/privacy-apis.test.ts` runs it in `npm test`.
 */
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

/** APIs that fail unless named in `requiredPrivateInfos` (mp.weixin docs: 地理位置接口新增与相关流程调整). */
export const REQUIRED_PRIVATE_INFOS = [
  'getFuzzyLocation',
  'getLocation',
  'onLocationChange',
  'startLocationUpdate',
  'startLocationUpdateBackground',
  'chooseLocation',
  'choosePoi',
  'chooseAddress',
] as const

/** APIs whose authorisation prompt needs `permission[scope].desc` in app.json. */
export const PERMISSION_SCOPES: Record<string, string> = {
  getLocation: 'scope.userLocation',
  onLocationChange: 'scope.userLocation',
  startLocationUpdate: 'scope.userLocation',
  getFuzzyLocation: 'scope.userFuzzyLocation',
  startLocationUpdateBackground: 'scope.userLocationBackground',
}

/** APIs on WeChat's 用户隐私保护指引 list (besides the location ones): each must be explained in our guide. */
export const PRIVACY_GUIDE_APIS = [
  ...REQUIRED_PRIVATE_INFOS,
  'chooseMedia',
  'chooseImage',
  'chooseVideo',
  'chooseMessageFile',
  'scanCode',
  'getClipboardData',
  'setClipboardData',
  'saveImageToPhotosAlbum',
  'saveVideoToPhotosAlbum',
  'getWeRunData',
  'chooseInvoice',
  'chooseInvoiceTitle',
  'chooseLicensePlate',
  'getRecorderManager',
  'startRecord',
  'createCameraContext',
  'openBluetoothAdapter',
  'startWifi',
  'addPhoneContact',
] as const

export interface PrivacyConfig {
  requiredPrivateInfos?: readonly string[]
  permission?: Record<string, { desc?: string }>
}

export interface ApiCall {
  api: string
  file: string
}

/** Every `Taro.<api>(` / `wx.<api>(` call of a privacy API in the app's sources (tests excluded). */
export function privacyApiCalls(srcDir: string): ApiCall[] {
  const watched = new Set<string>(PRIVACY_GUIDE_APIS)
  const calls: ApiCall[] = []
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name)
      if (e.isDirectory()) walk(full)
      else if (/\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) {
        for (const m of readFileSync(full, 'utf8').matchAll(/\b(?:Taro|wx)\.(\w+)\s*\(/g)) {
          if (watched.has(m[1])) calls.push({ api: m[1], file: path.relative(srcDir, full) })
        }
      }
    }
  }
  walk(srcDir)
  return calls
}

/** What WeChat would refuse or the guide does not explain, one Chinese line each (empty: all declared). */
export function privacyProblems(calls: readonly ApiCall[], config: PrivacyConfig, guideApis: readonly string[]): string[] {
  const problems: string[] = []
  const declared = new Set(config.requiredPrivateInfos ?? [])
  const explained = new Set(guideApis)
  const seen = new Set<string>()
  for (const { api, file } of calls) {
    if (seen.has(api)) continue
    seen.add(api)
    if ((REQUIRED_PRIVATE_INFOS as readonly string[]).includes(api) && !declared.has(api)) {
      problems.push(`${file} 调用 ${api}，但 app.config.ts 的 requiredPrivateInfos 未声明`)
    }
    const scope = PERMISSION_SCOPES[api]
    if (scope && !config.permission?.[scope]?.desc?.trim()) problems.push(`${file} 调用 ${api}，但 app.config.ts 的 permission 缺少 ${scope} 的用途说明`)
    if (!explained.has(api)) problems.push(`${file} 调用 ${api}，但《隐私保护指引》（privacy/items.ts）没有说明它收集的信息`)
  }
  return problems
}
