// Load generator for `npm run bench:claim`, on its own thread (own event loop), so the server's event loop measures
// the server and not the client. Each virtual member in flight is one keep-alive TCP connection speaking plain
// HTTP/1.1 (a request written as one string, the reply read by its Content-Length): on a 2-core machine every cycle
// the client spends is taken from the server and the database, and node:http's client costs several times more per
// request than this. One request at a time per connection (no pipelining), as a phone would.
// Plain JS: worker threads don't go through tsx.
import { randomUUID } from 'node:crypto'
import net from 'node:net'
import { parentPort, workerData } from 'node:worker_threads'

const { url, tokens, concurrency, maxMs } = workerData
const target = new URL(url)
const host = target.hostname
const port = Number(target.port)
const latencies = []
let ok = 0
let soldOut = 0
let otherErrors = 0
const samples = []
const trace = []
let next = 0
const deadline = Date.now() + maxMs

const HEADER_END = Buffer.from('\r\n\r\n')

/** One connection: sends the next member's claim whenever the previous reply is complete. */
function connection() {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port, noDelay: true })
    let buffer = Buffer.alloc(0)
    let started = 0
    const send = () => {
      if (next >= tokens.length || Date.now() >= deadline) {
        socket.end()
        return resolve()
      }
      const token = tokens[next++]
      started = performance.now()
      socket.write(
        `POST ${target.pathname} HTTP/1.1\r\nHost: ${host}:${port}\r\nAuthorization: Bearer ${token}\r\n` +
          `Idempotency-Key: ${randomUUID()}\r\nContent-Length: 0\r\nConnection: keep-alive\r\n\r\n`,
      )
    }
    socket.on('data', (chunk) => {
      buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk
      const end = buffer.indexOf(HEADER_END)
      if (end < 0) return
      const head = buffer.subarray(0, end).toString('latin1')
      const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? NaN)
      if (!Number.isFinite(length)) return reject(new Error(`no content-length in reply: ${head.slice(0, 200)}`))
      if (buffer.length < end + 4 + length) return
      const status = Number(head.slice(9, 12))
      const body = buffer.subarray(end + 4, end + 4 + length)
      buffer = buffer.subarray(end + 4 + length)
      latencies.push(performance.now() - started)
      if (process.env.BENCH_TRACE) trace.push([started, performance.now() - started])
      if (status === 200) ok++
      else {
        const text = body.toString('utf8')
        if (status === 409 && JSON.parse(text).message?.startsWith('已领完')) soldOut++
        else {
          otherErrors++
          if (samples.length < 3) samples.push(`${status}: ${text}`)
        }
      }
      send()
    })
    socket.once('connect', send)
    socket.once('error', reject)
  })
}

const started = performance.now()
await Promise.all(Array.from({ length: Math.min(concurrency, tokens.length) }, connection))
const seconds = (performance.now() - started) / 1000
// BENCH_TRACE=1: the latency over the run, per 100 ms of send time (where a tail comes from: start, sell-out, GC)
if (process.env.BENCH_TRACE && trace.length > 0) {
  const t0 = trace[0][0]
  const buckets = new Map()
  for (const [sent, latency] of trace) {
    const b = Math.floor((sent - t0) / 100)
    if (!buckets.has(b)) buckets.set(b, [])
    buckets.get(b).push(latency)
  }
  for (const [b, ls] of [...buckets].sort((x, y) => x[0] - y[0])) {
    ls.sort((x, y) => x - y)
    console.error(`  ${b * 100} ms: ${ls.length} sent, p50 ${ls[ls.length >> 1].toFixed(0)} ms, max ${ls[ls.length - 1].toFixed(0)} ms`)
  }
}
parentPort.postMessage({ latencies, ok, soldOut, otherErrors, samples, seconds })
