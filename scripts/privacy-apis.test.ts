/**
 * The weapp's privacy declarations match its code (scripts/lib/privacy-apis.ts): every privacy API the app calls is
 * declared in app.config.ts where WeChat requires it, and explained in the in-app 隐私保护指引.
 */
import path from 'node:path'
import { ITEMS } from '../src/packages/account/privacy/items'
import { privacyApiCalls, privacyProblems, type PrivacyConfig } from './lib/privacy-apis'

const g = globalThis as unknown as { defineAppConfig?: (c: PrivacyConfig) => PrivacyConfig }
g.defineAppConfig = (c) => c
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = (require('../src/app.config') as { default: PrivacyConfig }).default
const guideApis = ITEMS.flatMap((i) => i.apis ?? [])
const calls = privacyApiCalls(path.join(__dirname, '..', 'src'))

describe('privacy APIs (weapp)', () => {
  it('finds the privacy APIs the app calls (location, media, files, scan, clipboard)', () => {
    const apis = new Set(calls.map((c) => c.api))
    for (const api of ['getLocation', 'chooseMedia', 'chooseMessageFile', 'scanCode', 'setClipboardData']) expect(apis).toContain(api)
  })

  it('every one is declared in app.config.ts where WeChat requires it, and explained in the privacy guide', () => {
    expect(privacyProblems(calls, config, guideApis)).toEqual([])
  })

  it('names what is missing — as the merchants page was before: getLocation with no declaration and no guide item', () => {
    const bare: PrivacyConfig = {}
    expect(privacyProblems([{ api: 'getLocation', file: 'platform/location.weapp.ts' }], bare, [])).toEqual([
      'platform/location.weapp.ts 调用 getLocation，但 app.config.ts 的 requiredPrivateInfos 未声明',
      'platform/location.weapp.ts 调用 getLocation，但 app.config.ts 的 permission 缺少 scope.userLocation 的用途说明',
      'platform/location.weapp.ts 调用 getLocation，但《隐私保护指引》（privacy/items.ts）没有说明它收集的信息',
    ])
    const withoutScope = { requiredPrivateInfos: ['chooseLocation'] }
    expect(privacyProblems([{ api: 'chooseLocation', file: 'x.weapp.ts' }], withoutScope, ['chooseLocation'])).toEqual([])
  })
})
