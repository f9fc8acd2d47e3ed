/**
 * The image builds and starts exactly as scripts/prod-build.sh does (the script the production journey runs):
 * every RUN of the Dockerfile is one step of the script, the steps come in the script's order, none is left out,
 * and the image's CMD is the script's `start`.
 */
import { readFileSync } from 'node:fs'
import path from 'node:path'

const ROOT = path.resolve(__dirname, '..')
const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8')
const script = readFileSync(path.join(ROOT, 'scripts', 'prod-build.sh'), 'utf8')

/** Dockerfile instructions, continuation lines joined, comments dropped. */
function instructions(text: string): { op: string; args: string }[] {
  return text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const [op, ...rest] = l.split(/\s+/)
      return { op: op.toUpperCase(), args: rest.join(' ') }
    })
}

/** The order of `all` in the script: the whole production sequence. */
function scriptSequence(): string[] {
  const all = script.match(/^\s*all\)\s*(.+?)\s*;;/m)
  if (!all) throw new Error('scripts/prod-build.sh has no `all` step')
  return all[1].split('&&').map((s) => s.trim().replace(/^step_/, ''))
}

describe('Dockerfile = scripts/prod-build.sh', () => {
  it('runs every build step of the script, in its order, and nothing else', () => {
    const runs = instructions(dockerfile).filter((i) => i.op === 'RUN')
    const steps = runs.map((r) => r.args.match(/^sh scripts\/prod-build\.sh (\w+)$/)?.[1] ?? `not a script step: ${r.args}`)
    expect(steps).toEqual(scriptSequence().filter((s) => s !== 'start'))
  })

  it('starts the container with the script’s start step, and ships the script in the final image', () => {
    const all = instructions(dockerfile)
    const cmd = all.filter((i) => i.op === 'CMD')
    expect(cmd.map((c) => JSON.parse(c.args))).toEqual([['sh', 'scripts/prod-build.sh', 'start']])
    expect(scriptSequence().at(-1)).toBe('start')
    const finalStage = all.slice(all.map((i) => i.op).lastIndexOf('FROM'))
    expect(finalStage.some((i) => i.op === 'COPY' && /scripts\/prod-build\.sh/.test(i.args))).toBe(true)
  })

  it('the script starts the server in production mode and installs with npm ci', () => {
    expect(script).toMatch(/export NODE_ENV=production/)
    expect(script).toMatch(/npm ci\b/)
  })
})
