/**
 * axe-core in the journeys (issue 18): injects node_modules/axe-core/axe.min.js into the current page and runs it.
 * `phone.shot()` calls `checkA11y` on every screenshot, so every step a journey records is also checked; a serious
 * or critical violation fails the journey with the rule, the page and the offending elements.
 * Every result is appended to e2e/artifacts/axe-results.jsonl (one line per check) for the closing report.
 */
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { ROOT } from '../../scripts/lib/h5-build'

const AXE_SOURCE = path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js')
export const AXE_LOG = path.join(ROOT, 'e2e', 'artifacts', 'axe-results.jsonl')
let axeSource: string | undefined

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: { target: string[]; failureSummary?: string }[]
}

export interface AxeReport {
  journey: string
  step: string
  url: string
  violations: AxeViolation[]
}

/** Impacts that fail a journey. */
const FAILING = new Set(['serious', 'critical'])

/** Runs axe on the page as it is now and returns every violation (all impacts). */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(AXE_SOURCE, 'utf8')
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined')
  // Evaluated through the DevTools protocol, not an inline <script>: the app's Content-Security-Policy stays as it is.
  if (!loaded) await page.evaluate(axeSource)
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> } }).axe
    // Taro H5 keeps the other pages of the stack in the DOM, hidden (display: none): axe skips hidden content.
    const { violations } = await axe.run(document, { resultTypes: ['violations'] })
    return violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }))
  })
}

/** Checks the current page; logs the result and throws on any serious or critical violation. */
export async function checkA11y(page: Page, journey: string, step: string): Promise<AxeReport> {
  const violations = await runAxe(page)
  const report: AxeReport = { journey, step, url: new URL(page.url()).pathname + new URL(page.url()).search, violations }
  mkdirSync(path.dirname(AXE_LOG), { recursive: true })
  appendFileSync(AXE_LOG, `${JSON.stringify(report)}\n`)
  const failing = violations.filter((v) => FAILING.has(v.impact ?? ''))
  if (failing.length && process.env.AXE_REPORT_ONLY !== '1') {
    const lines = failing.map((v) => `  [${v.impact}] ${v.id}: ${v.help}\n${v.nodes.map((n) => `      ${n.target.join(' ')} — ${(n.failureSummary ?? '').split('\n').slice(1, 2).join('').trim()}`).join('\n')}`)
    throw new Error(`axe: ${failing.length} serious/critical violation(s) on ${report.url} (${journey}/${step}):\n${lines.join('\n')}`)
  }
  return report
}
