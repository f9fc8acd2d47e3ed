/**
 * Measures a built weapp (dist/): bytes of the main package and of each subpackage, the way
 * WeChat counts them (every file under a subpackage root belongs to it; everything else is main).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

export interface PackageSize {
  name: string
  root: string
  bytes: number
}

interface AppJson {
  subPackages?: { root: string; name?: string }[]
  subpackages?: { root: string; name?: string }[]
}

function walk(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name)
    return e.isDirectory() ? walk(full, base) : [path.relative(base, full).split(path.sep).join('/')]
  })
}

export function measurePackages(distDir: string): PackageSize[] {
  const appJson = JSON.parse(readFileSync(path.join(distDir, 'app.json'), 'utf8')) as AppJson
  const subs = (appJson.subPackages ?? appJson.subpackages ?? []).map((s) => ({
    name: s.name ?? s.root,
    root: s.root.replace(/^\/+|\/+$/g, '') + '/',
    bytes: 0,
  }))
  const main: PackageSize = { name: '主包', root: '', bytes: 0 }
  for (const file of walk(distDir)) {
    // Not part of the uploaded code package.
    if (file === 'project.config.json' || file === 'project.private.config.json' || file.endsWith('.map')) continue
    const bytes = statSync(path.join(distDir, file)).size
    const owner = subs.find((s) => file.startsWith(s.root)) ?? main
    owner.bytes += bytes
  }
  return [main, ...subs]
}
