// Load generator for `npm run bench:claim`, on its own thread (own event loop, own core), so the server's event
// loop measures the server and not the client. Plain JS: worker threads don't go through tsx.
import { randomUUID } from 'node:crypto'
import { parentPort, workerData } from 'node:worker_threads'

const { url, tokens, concurrency, maxMs } = workerData
const latencies = []
let ok = 0
let soldOut = 0
let otherErrors = 0
const samples = []
let next = 0
const deadline = Date.now() + maxMs

async function worker() {
  while (next < tokens.length && Date.now() < deadline) {
    const token = tokens[next++]
    const t = performance.now()
    const res = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
    })
    const body = await res.json()
    latencies.push(performance.now() - t)
    if (res.status === 200) ok++
    else if (res.status === 409 && typeof body.message === 'string' && body.message.startsWith('已领完')) soldOut++
    else {
      otherErrors++
      if (samples.length < 3) samples.push(`${res.status}: ${JSON.stringify(body)}`)
    }
  }
}

const started = performance.now()
await Promise.all(Array.from({ length: Math.min(concurrency, tokens.length) }, worker))
const seconds = (performance.now() - started) / 1000
parentPort.postMessage({ latencies, ok, soldOut, otherErrors, samples, seconds })
