import { randomBytes } from 'node:crypto'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { precompressDir } from './precompress'

const TEXT = `body { color: #c8102e; }\n`.repeat(200)

describe('precompressDir', () => {
  let dir = ''
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ums-precompress-'))
    mkdirSync(path.join(dir, 'css'))
    mkdirSync(path.join(dir, 'js'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))
  const at = (...p: string[]) => path.join(dir, ...p)

  it('writes .br and .gz beside text assets that decode to the original', () => {
    writeFileSync(at('css', 'app.0123abcd.css'), TEXT)
    writeFileSync(at('js', 'app.0123abcd.js'), TEXT.replace(/body/g, 'var'))
    writeFileSync(at('index.html'), `<!doctype html>${'<p>工会</p>'.repeat(200)}`)
    writeFileSync(at('icon.svg'), `<svg xmlns="http://www.w3.org/2000/svg">${'<g/>'.repeat(400)}</svg>`)
    writeFileSync(at('data.json'), JSON.stringify(Array.from({ length: 200 }, (_, i) => ({ i }))))
    const r = precompressDir(dir)
    expect(r.compressed.map((f) => path.relative(dir, f)).sort()).toEqual(['css/app.0123abcd.css', 'data.json', 'icon.svg', 'index.html', 'js/app.0123abcd.js'])
    expect(brotliDecompressSync(readFileSync(at('css', 'app.0123abcd.css.br'))).toString()).toBe(TEXT)
    expect(gunzipSync(readFileSync(at('css', 'app.0123abcd.css.gz'))).toString()).toBe(TEXT)
    expect(r.brBytes).toBeLessThan(r.rawBytes / 4)
  })

  it('skips tiny files and files that are not text', () => {
    writeFileSync(at('js', 'tiny.0123abcd.js'), 'console.log(1)')
    writeFileSync(at('logo.png'), Buffer.alloc(4096, 7))
    writeFileSync(at('js', 'app.0123abcd.js.LICENSE.txt'), 'MIT '.repeat(1000))
    expect(precompressDir(dir).compressed).toEqual([])
    for (const f of ['js/tiny.0123abcd.js', 'logo.png', 'js/app.0123abcd.js.LICENSE.txt']) {
      expect(existsSync(at(f + '.br'))).toBe(false)
      expect(existsSync(at(f + '.gz'))).toBe(false)
    }
  })

  it('is idempotent: a second run keeps the siblings and does not compress them again; a changed source is redone', () => {
    writeFileSync(at('css', 'app.0123abcd.css'), TEXT)
    precompressDir(dir)
    const br = at('css', 'app.0123abcd.css.br')
    const before = { mtimeMs: statSync(br).mtimeMs, bytes: readFileSync(br) }
    const again = precompressDir(dir)
    expect(again.compressed).toEqual([])
    expect(again.upToDate).toEqual([at('css', 'app.0123abcd.css')])
    expect(existsSync(br + '.br')).toBe(false)
    expect(statSync(br).mtimeMs).toBe(before.mtimeMs)
    expect(readFileSync(br)).toEqual(before.bytes)
    // a rebuilt (newer) source gets new siblings
    writeFileSync(at('css', 'app.0123abcd.css'), TEXT + TEXT)
    const later = new Date(Date.now() + 5000)
    utimesSync(at('css', 'app.0123abcd.css'), later, later)
    expect(precompressDir(dir).compressed).toEqual([at('css', 'app.0123abcd.css')])
    expect(brotliDecompressSync(readFileSync(br)).toString()).toBe(TEXT + TEXT)
  })

  it('does not keep a sibling that is no smaller than its source (the plain file is served instead)', () => {
    const noise = at('js', 'noise.0123abcd.js')
    writeFileSync(noise, randomBytes(4096))
    writeFileSync(noise + '.br', 'stale')
    precompressDir(dir)
    expect(existsSync(noise + '.br')).toBe(false)
    expect(existsSync(noise + '.gz')).toBe(false)
  })
})
