import { Writable } from 'node:stream'
import Fastify from 'fastify'
import { scheduleJob } from './jobs'

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function appWithLogLines() {
  const lines: { msg: string; job?: string; err?: { message: string } }[] = []
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l))
      done()
    },
  })
  return { app: Fastify({ logger: { level: 'error', stream } }), lines }
}

describe('scheduleJob', () => {
  it('runs after ready, never overlaps a slow run, logs a failure and keeps going, and close waits for the run in progress', async () => {
    const { app, lines } = appWithLogLines()
    let runs = 0
    let active = 0
    let maxActive = 0
    let finished = 0
    scheduleJob(app, 'test.job', 10, async () => {
      runs++
      active++
      maxActive = Math.max(maxActive, active)
      try {
        await sleep(40)
        if (runs === 1) throw new Error('数据库不可用')
      } finally {
        active--
        finished++
      }
    })
    await sleep(50)
    expect(runs).toBe(0) // not before the app is ready
    await app.ready()
    await sleep(250)
    expect(runs).toBeGreaterThanOrEqual(3)
    expect(maxActive).toBe(1)
    expect(lines).toEqual([expect.objectContaining({ msg: '定时任务 test.job 失败', job: 'test.job', err: expect.objectContaining({ message: '数据库不可用' }) })])

    while (active === 0) await sleep(1)
    await app.close() // during a run
    expect(active).toBe(0)
    expect(finished).toBe(runs)
    const after = runs
    await sleep(100)
    expect(runs).toBe(after)
  })

  it('is off with an interval of 0', async () => {
    const { app } = appWithLogLines()
    let runs = 0
    scheduleJob(app, 'off', 0, async () => {
      runs++
    })
    await app.ready()
    await sleep(50)
    await app.close()
    expect(runs).toBe(0)
  })
})
