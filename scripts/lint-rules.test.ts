/**
 * The architecture's lint rules catch what they are for: a planted violation, linted as if it were a file of the
 * tree (eslint --stdin with that file name), must fail with the rule's message; the same file without it passes.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const ROOT = path.resolve(__dirname, '..')

function lint(filePath: string, code: string): { ok: boolean; output: string } {
  const res = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/eslint/bin/eslint.js'), '--stdin', '--stdin-filename', filePath, '--format', 'stylish'], {
    cwd: ROOT,
    input: code,
    encoding: 'utf8',
  })
  return { ok: res.status === 0, output: `${res.stdout}${res.stderr}` }
}

jest.setTimeout(120_000)

describe('architecture lint rules', () => {
  it('a module reading another capability’s table fails; asking its public face passes', () => {
    const file = 'server/src/modules/vouchers/planted.ts'
    const bad = lint(file, "import { memberships } from '../../db/schema/membership'\nexport const t = memberships\n")
    expect(bad.ok).toBe(false)
    expect(bad.output).toContain("Another capability's tables")
    const good = lint(file, "import { memberOf } from '../membership'\nexport const f = memberOf\n")
    expect(good.output).toBe('')
    expect(good.ok).toBe(true)
  })

  it('a module importing another module’s file instead of its public face fails', () => {
    const bad = lint('server/src/modules/events/planted.ts', "import { MembershipService } from '../membership/service'\nexport const s = MembershipService\n")
    expect(bad.ok).toBe(false)
    expect(bad.output).toContain('public face')
  })

  it('an app package importing another package’s files fails; through its face (shared.ts) passes', () => {
    const file = 'src/packages/relief-staff/review/planted.tsx'
    const bad = lint(file, "import { ReliefTypesStore } from '../../relief/stores/ReliefTypesStore'\nexport const s = ReliefTypesStore\n")
    expect(bad.ok).toBe(false)
    expect(bad.output).toContain('only through its face')
    const good = lint(file, "import * as relief from '../../relief/shared'\nexport const r = relief\n")
    expect(good.output).toBe('')
    expect(good.ok).toBe(true)
  })

  it('<PageRoot> outside the subpackages fails (it would enter the weapp main package); in a subpackage page passes', () => {
    const code = "import { PageRoot } from '../../components/PageRoot'\nexport const P = PageRoot\n"
    for (const file of ['src/pages/home/planted.tsx', 'src/components/Planted.tsx']) {
      const bad = lint(file, file.startsWith('src/components') ? code.replace('../../components/', './') : code)
      expect(bad.ok).toBe(false)
      expect(bad.output).toContain('for subpackage pages only')
    }
    const good = lint('src/packages/legal/home/planted.tsx', code.replace('../../', '../../../'))
    expect(good.output).toBe('')
    expect(good.ok).toBe(true)
  })

  it('a Taro import in any store fails, in the shared stores and in a capability package’s stores', () => {
    for (const file of ['src/stores/PlantedStore.ts', 'src/packages/vouchers/stores/PlantedStore.ts', 'src/packages/events/stores/planted.ts']) {
      const bad = lint(file, "import Taro from '@tarojs/taro'\nexport const t = Taro\n")
      expect(bad.ok).toBe(false)
      expect(bad.output).toContain('must not import Taro')
    }
  })

  it('an import cycle fails', () => {
    // Two planted files that import each other, written into the tree for the run and removed after.
    const dir = path.join(ROOT, 'src/utils/__planted_cycle__')
    mkdirSync(dir, { recursive: true })
    try {
      writeFileSync(path.join(dir, 'b.ts'), "import { a } from './a'\nexport const b = () => a() + 1\n")
      writeFileSync(path.join(dir, 'a.ts'), "export const a = () => 1\n")
      const acyclic = lint('src/utils/__planted_cycle__/a.ts', "export const a = () => 1\n")
      expect(acyclic.ok).toBe(true)
      const cyclic = lint('src/utils/__planted_cycle__/a.ts', "import { b } from './b'\nexport const a = () => b()\n")
      expect(cyclic.ok).toBe(false)
      expect(cyclic.output).toContain('import-x/no-cycle')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
