// Load generator for `npm run bench:claim`, on its own thread (own event loop), so the server's event loop measures
// the server and not the client. node:http with a keep-alive agent (one socket per virtual member in flight): it
// costs far less CPU per request than fetch, and on a 2-core machine every cycle the client spends is taken from the
// server and the database. Plain JS: worker threads don't go through tsx.
import { randomUUID } from 'node:crypto'
import http from 'node:http'
import { parentPort, workerData } from 'node:worker_threads'

const { url, tokens, concurrency, maxMs } = workerData
const target = new URL(url)
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency })
const latencies = []
let ok = 0
let soldOut = 0
let otherErrors = 0
const samples = []
let next = 0
const deadline = Date.now() + maxMs

function post(token) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID(), 'content-length': 0 },
      },
      (res) => {
        const chunks = []
        res.on('data', (c) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }))
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end()
  })
}

async function worker() {
  while (next < tokens.length && Date.now() < deadline) {
    const token = tokens[next++]
    const t = performance.now()
    const res = await post(token)
    latencies.push(performance.now() - t)
    if (res.status === 200) ok++
    else if (res.status === 409 && JSON.parse(res.text).message?.startsWith('已领完')) soldOut++
    else {
      otherErrors++
      if (samples.length < 3) samples.push(`${res.status}: ${res.text}`)
    }
  }
}

const started = performance.now()
await Promise.all(Array.from({ length: Math.min(concurrency, tokens.length) }, worker))
const seconds = (performance.now() - started) / 1000
agent.destroy()
parentPort.postMessage({ latencies, ok, soldOut, otherErrors, samples, seconds })
