/**
 * Upload test helpers: a file over an endpoint's size limit, sent so that the parser sees exactly the limit first.
 *
 *   const res = await uploadCutAtLimit(app, '/api/events/uploads', token, { limit: 2 * 1024 * 1024, head: PNG })
 *   expect(res.status).toBe(413)
 */
import http from 'node:http'
import type { TestApp } from '../harness'

/**
 * POSTs a multipart body whose one `file` part is `limit + 10` bytes (starting with `head`, so it sniffs as its
 * type), in two writes: the part up to exactly `limit` bytes of the file, then — 300 ms later — the rest. The
 * bytes past the limit then arrive in a packet of their own, which @fastify/multipart drops without raising its
 * size error: the route must still refuse the file (it is not to be stored cut short).
 */
export async function uploadCutAtLimit(
  app: TestApp,
  url: string,
  token: string,
  file: { limit: number; head: Uint8Array; name?: string; type?: string },
): Promise<{ status: number; body: Record<string, unknown> }> {
  const boundary = 'cut-at-limit-boundary-7'
  const disposition = `Content-Disposition: form-data; name="file"; filename="${file.name ?? 'big.png'}"`
  const head = Buffer.from(`--${boundary}\r\n${disposition}\r\nContent-Type: ${file.type ?? 'image/png'}\r\n\r\n`)
  const content = Buffer.concat([file.head, Buffer.alloc(file.limit + 10 - file.head.length)])
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  const first = Buffer.concat([head, content.subarray(0, file.limit)])
  const rest = Buffer.concat([content.subarray(file.limit), tail])
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = http.request(
      app.baseUrl + url,
      {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(first.length + rest.length),
        },
      },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (c: string) => (body += c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: body }))
      },
    )
    req.on('error', reject)
    req.write(first)
    setTimeout(() => req.end(rest), 300)
  })
  return { status, body: JSON.parse(text) as Record<string, unknown> }
}
