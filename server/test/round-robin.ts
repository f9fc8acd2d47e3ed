/**
 * A tiny round-robin load balancer (node:http, keep-alive to each instance): request n goes to instance n mod k.
 * The two-instance test (cluster.test.ts) and `npm run dev:cluster` put it in front of two app instances; it adds
 * X-Forwarded-For as a gateway would and counts the requests each instance served.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RoundRobin {
  url: string
  served: number[]
  close(): Promise<void>
}

export async function startRoundRobin(targets: string[], port = 0, host = '127.0.0.1'): Promise<RoundRobin> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 })
  const served = targets.map(() => 0)
  let next = 0
  const server = http.createServer((req, res) => {
    const i = next++ % targets.length
    served[i]++
    const target = new URL(req.url ?? '/', targets[i])
    const forwardedFor = [req.headers['x-forwarded-for'], req.socket.remoteAddress].filter(Boolean).join(', ')
    const upstream = http.request(
      target,
      { method: req.method, headers: { ...req.headers, 'x-forwarded-for': forwardedFor }, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      },
    )
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' })
      res.end('上游实例不可用')
    })
    req.pipe(upstream)
  })
  server.keepAliveTimeout = 30_000
  await new Promise<void>((resolve) => server.listen(port, host, resolve))
  const address = server.address() as AddressInfo
  return {
    url: `http://${host}:${address.port}`,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
