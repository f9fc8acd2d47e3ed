/**
 * Test-only movable clock of a journey's server process (loaded with `node --import` by the e2e harness, never by
 * the app): Date.now() = real time + the offset in milliseconds written to $E2E_CLOCK_FILE. A journey that would
 * wait (a 公示 lasts a day, a member-card code 60 s) moves the server's clock instead: `stack.advanceClock(ms)`.
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
