// Load generator of `npm run bench:scale`, run as its own process (node scripts/lib/scale-load.mjs '<json>'), so the
// server's process measures the server. `concurrency` keep-alive connections, each sending its next GET as soon as
// the previous reply is complete (plain HTTP/1.1 written as one string, as bench:claim's worker does: node:http's
// client costs several times more per request on a 2-core machine), cycling over `requests` ({ path, token }) for
// `seconds`. Prints one JSON line: latencies (ms), ok, errors, samples of the errors, seconds.
// Plain JS: no tsx in the load process.
import net from 'node:net'

const { url, requests, concurrency, seconds } = JSON.parse(process.argv[2])
const target = new URL(url)
const host = target.hostname
const port = Number(target.port)
const latencies = []
let ok = 0
let errors = 0
const samples = []
let next = 0
const deadline = Date.now() + seconds * 1000
const HEADER_END = Buffer.from('\r\n\r\n')
const CHUNKED_END = Buffer.from('\r\n0\r\n\r\n')

function connection() {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port, noDelay: true })
    let buffer = Buffer.alloc(0)
    let started = 0
    const send = () => {
      if (Date.now() >= deadline) {
        socket.end()
        return resolve()
      }
      const r = requests[next++ % requests.length]
      started = performance.now()
      socket.write(
        `GET ${r.path} HTTP/1.1\r\nHost: ${host}:${port}\r\n` +
          (r.token ? `Authorization: Bearer ${r.token}\r\n` : '') +
          'Connection: keep-alive\r\n\r\n',
      )
    }
    socket.on('data', (chunk) => {
      buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk
      const end = buffer.indexOf(HEADER_END)
      if (end < 0) return
      const head = buffer.subarray(0, end).toString('latin1')
      let bodyEnd
      const length = /\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1]
      if (length !== undefined) {
        bodyEnd = end + 4 + Number(length)
        if (buffer.length < bodyEnd) return
      } else if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
        const at = buffer.indexOf(CHUNKED_END, end + 4)
        if (at < 0) return
        bodyEnd = at + CHUNKED_END.length
      } else return reject(new Error(`no length in reply: ${head.slice(0, 200)}`))
      const status = Number(head.slice(9, 12))
      const body = buffer.subarray(end + 4, bodyEnd)
      buffer = buffer.subarray(bodyEnd)
      latencies.push(performance.now() - started)
      if (status === 200) ok++
      else {
        errors++
        if (samples.length < 3) samples.push(`${status}: ${body.toString('utf8').slice(0, 300)}`)
      }
      send()
    })
    socket.once('connect', send)
    socket.once('error', reject)
  })
}

const started = performance.now()
await Promise.all(Array.from({ length: concurrency }, connection))
const took = (performance.now() - started) / 1000
process.stdout.write(JSON.stringify({ latencies, ok, errors, samples, seconds: took }) + '\n')
