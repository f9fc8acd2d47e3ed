import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { measurePackages } from './package-sizes'

describe('measurePackages', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'size-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  function file(rel: string, bytes: number): void {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true })
    writeFileSync(path.join(dir, rel), Buffer.alloc(bytes, 97))
  }

  it('counts files under a subpackage root to that subpackage and the rest to the main package', () => {
    const appJson = JSON.stringify({ pages: ['pages/home/index'], subPackages: [{ root: 'packages/account', pages: ['privacy/index'] }] })
    writeFileSync(path.join(dir, 'app.json'), appJson)
    file('taro.js', 1000)
    file('pages/home/index.js', 200)
    file('packages/account/privacy/index.js', 300)
    file('packages/accounting-not-a-sub/x.js', 7) // same prefix, different folder: main
    file('taro.js.map', 5000) // source maps are not uploaded
    file('project.config.json', 50)

    const [main, account] = measurePackages(dir)
    expect(main).toMatchObject({ name: '主包', bytes: Buffer.byteLength(appJson) + 1000 + 200 + 7 })
    expect(account).toMatchObject({ root: 'packages/account/', bytes: 300 })
  })
})
