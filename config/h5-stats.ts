/**
 * `H5_STATS=1 npm run build:h5` (issue 18): what the H5 first load is made of, without a bundle-analyzer dependency.
 * After the build it prints the files index.html loads (the entry's initial chunks) with their sizes and the largest
 * packages or source folders inside them, and the sizes of all JS. H5_STATS=<file.json> also writes webpack's stats.
 */
import { writeFileSync } from 'node:fs'
import type { Compiler, StatsCompilation } from 'webpack'

function owner(name: string): string {
  const nm = name.lastIndexOf('node_modules/')
  if (nm >= 0) {
    const rest = name.slice(nm + 'node_modules/'.length).split('/')
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]
  }
  const parts = name.replace(/^\.\//, '').replace(/ \+ \d+ modules$/, '').split('/')
  return parts.slice(0, Math.min(parts.length - 1, 3)).join('/') || name
}

export class H5StatsPlugin {
  constructor(private readonly file?: string) {}

  apply(compiler: Compiler): void {
    compiler.hooks.done.tap('H5StatsPlugin', (stats) => {
      const json: StatsCompilation = stats.toJson({
        all: false,
        assets: true,
        chunks: true,
        chunkModules: true,
        chunkModulesSpace: Infinity,
        nestedModules: true,
        nestedModulesSpace: Infinity,
        dependentModules: true,
        entrypoints: true,
        ids: true,
      })
      if (this.file) writeFileSync(this.file, JSON.stringify(json))
      const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`
      const byName = new Map((json.assets ?? []).map((a) => [a.name, a.size]))
      const initial = (json.chunks ?? []).filter((c) => c.initial)
      let first = 0
      console.log('\nH5 first load (index.html): chunk, size, largest parts')
      for (const c of initial) {
        const js = (c.files ?? []).filter((f) => f.endsWith('.js'))
        const size = js.reduce((s, f) => s + (byName.get(f) ?? 0), 0)
        first += size
        const parts = new Map<string, number>()
        const add = (m: { name?: string; size?: number; modules?: unknown[]; children?: unknown[] }) => {
          const kids = (m.children ?? m.modules) as (typeof m)[] | undefined
          if (kids?.length) for (const n of kids) add(n)
          else parts.set(owner(m.name ?? '?'), (parts.get(owner(m.name ?? '?')) ?? 0) + (m.size ?? 0))
        }
        for (const m of c.modules ?? []) add(m)
        const top = [...parts].sort((a, b) => b[1] - a[1]).slice(0, 12)
        console.log(`  ${js.join(', ')}  ${kib(size)} (minified)`)
        for (const [p, s] of top) console.log(`      ${p.padEnd(48)} ${kib(s)} (source)`)
      }
      const allJs = (json.assets ?? []).filter((a) => a.name.endsWith('.js')).reduce((s, a) => s + a.size, 0)
      console.log(`  first-load JS ${kib(first)}; all JS ${kib(allJs)} in ${(json.assets ?? []).filter((a) => a.name.endsWith('.js')).length} files\n`)
    })
  }
}
