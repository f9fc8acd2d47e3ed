/**
 * A stand-in for the WeChat Cloud Hosting gateway, one per phone: it forwards every request to the server and sets
 * the caller's identity header (X-WX-OPENID) the way the real gateway does for a WeChat user — and drops any X-WX-*
 * header the client sent, so nobody can claim an identity. The phone's browser talks only to its gateway.
 */
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Gateway {
  url: string
  openid: string
  close(): Promise<void>
}

export async function startGateway(upstream: string, openid: string): Promise<Gateway> {
  const target = new URL(upstream)
  const server: Server = createServer((req, res) => {
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !k.toLowerCase().startsWith('x-wx-')))
    const out = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...headers, host: target.host, 'x-wx-openid': openid, 'x-wx-source': 'e2e-gateway' } },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers)
        up.pipe(res)
      },
    )
    out.on('error', () => {
      res.writeHead(502)
      res.end()
    })
    req.pipe(out)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    openid,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
