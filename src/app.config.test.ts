/**
 * The one table of pages (contract/pages.ts) is the app's pages: every page the app declares has an entry, every
 * entry is declared, and every page file exists — so a link can neither point nowhere nor be typed by hand.
 */
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { allPages } from '@contract/pages'

type TabItem = { pagePath: string; text: string; iconPath?: string; selectedIconPath?: string }
type AppConfig = { pages: string[]; subPackages: { root: string; pages: string[] }[]; tabBar: { list: TabItem[] } }
const g = globalThis as unknown as { defineAppConfig?: (c: AppConfig) => AppConfig }
g.defineAppConfig = (c) => c
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = (require('./app.config') as { default: AppConfig }).default

describe('pages', () => {
  const declared = [...config.pages.map((p) => `/${p}`), ...config.subPackages.flatMap((s) => s.pages.map((p) => `/${s.root}/${p}`))]
  const table = allPages().map((p) => p.path)

  it('the table and app.config name the same pages', () => {
    expect([...table].sort()).toEqual([...declared].sort())
  })

  it('every page has its file', () => {
    for (const p of declared) expect(existsSync(path.join(__dirname, `${p}.tsx`))).toBe(true)
  })

  it('links carry their parameters encoded and drop empty ones', async () => {
    const { pages } = await import('@contract/pages')
    expect(pages.vouchersStaff.stats.url({ id: 3, title: '电影 券&1', opensAt: undefined })).toBe(
      '/packages/vouchers-staff/campaign-stats/index?id=3&title=%E7%94%B5%E5%BD%B1%20%E5%88%B8%261',
    )
    expect(pages.events.invite.url({})).toBe('/packages/events/invite/index')
    expect(pages.home.url()).toBe('/pages/home/index')
  })
})

describe('tab bar (issue 18)', () => {
  it('every tab has a normal and a selected icon: a real PNG of at most 2 KB', () => {
    expect(config.tabBar.list.map((t) => t.text)).toEqual(['首页', '福利', '我的'])
    for (const t of config.tabBar.list) {
      for (const icon of [t.iconPath, t.selectedIconPath]) {
        expect(icon).toMatch(/\.png$/)
        const bytes = readFileSync(path.join(__dirname, icon!))
        expect(bytes.subarray(1, 4).toString('ascii')).toBe('PNG')
        expect(bytes.length).toBeLessThanOrEqual(2048)
      }
    }
  })
})
