/**
 * `node --import tsx scripts/precompress.ts [dir]` (default dist-h5): the .br/.gz siblings of the H5 build's text
 * assets, run by `npm run build:h5` after Taro (and by scripts/lib/h5-build.ts, which the e2e journeys and
 * `npm start` use). See scripts/lib/precompress.ts.
 */
import path from 'node:path'
import { precompressDir } from './lib/precompress'

const dir = path.resolve(process.argv[2] ?? 'dist-h5')
const started = Date.now()
const r = precompressDir(dir)
const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`
console.log(
  `precompress: ${r.compressed.length} compressed, ${r.upToDate.length} up to date in ${path.relative(process.cwd(), dir) || '.'}: ` +
    `${kib(r.rawBytes)} → ${kib(r.brBytes)} brotli (${((Date.now() - started) / 1000).toFixed(1)} s)`,
)
