/**
 * Test-only clock for the relief journey's server process (loaded with `node --import` through NODE_OPTIONS, never
 * by the app): Date.now() = real time + the offset in milliseconds written to $E2E_CLOCK_FILE. A 公示 lasts at least
 * one day; the journey moves the server's clock past it instead of waiting.
 */
import { readFileSync } from 'node:fs'

const file = process.env.E2E_CLOCK_FILE
if (file) {
  const realNow = Date.now.bind(Date)
  let offset = 0
  const read = () => {
    try {
      offset = Number(readFileSync(file, 'utf8').trim()) || 0
    } catch {
      offset = 0
    }
  }
  read()
  setInterval(read, 100).unref()
  Date.now = () => realNow() + offset
}
