/**
 * A fake S3-compatible object store for tests: a real HTTP server on 127.0.0.1:<random port>, path-style
 * (`/<bucket>/<key>`), answering PUT / GET / DELETE of objects in memory — and refusing any request whose AWS
 * Signature V4 does not check out (403 SignatureDoesNotMatch), recomputed here independently of the signer the
 * server uses: canonical request → string to sign → HMAC chain of the secret key. The payload hash the request
 * signs (x-amz-content-sha256) must also match the bytes received.
 */
import { createHash, createHmac } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export const FAKE_S3 = {
  bucket: 'union-test-1250000000',
  region: 'ap-shanghai',
  accessKeyId: 'AKIDfakeTestKey',
  secretAccessKey: 'fake-s3-secret-key-0123456789',
}

export interface FakeS3Call {
  method: string
  key: string
  status: number
  /** Headers the request signed (lower case). */
  signedHeaders: string[]
  payloadHash: string | undefined
}

export interface FakeS3 {
  url: string
  objects: Map<string, { bytes: Buffer; contentType: string }>
  calls: FakeS3Call[]
  /** The env that points a test app at this store. */
  env(extra?: Record<string, string>): Record<string, string>
  close(): Promise<void>
}

const sha256Hex = (data: Buffer | string) => createHash('sha256').update(data).digest('hex')
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest()

/** RFC 3986 encoding of one path segment or query component, as SigV4 wants it. */
const uriEncode = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

/** null when the signature is valid, else why not. */
function checkSignature(req: http.IncomingMessage, body: Buffer): string | null {
  const auth = req.headers.authorization ?? ''
  const m = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(auth)
  if (!m) return 'no AWS4-HMAC-SHA256 Authorization header'
  const [, accessKeyId, date, region, signedHeaderList, signature] = m
  if (accessKeyId !== FAKE_S3.accessKeyId) return 'unknown access key'
  if (region !== FAKE_S3.region) return 'wrong region'
  const amzDate = String(req.headers['x-amz-date'] ?? '')
  if (!amzDate.startsWith(date)) return 'x-amz-date does not match the credential date'
  const skew = Math.abs(Date.parse(amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z')) - Date.now())
  if (!(skew < 15 * 60 * 1000)) return 'request time too skewed'
  const signedHeaders = signedHeaderList.split(';')
  for (const required of ['host', 'x-amz-date', 'x-amz-content-sha256']) {
    if (!signedHeaders.includes(required)) return `${required} is not signed`
  }
  const payloadHash = String(req.headers['x-amz-content-sha256'] ?? '')
  if (payloadHash !== sha256Hex(body)) return 'payload hash does not match the body'

  const url = new URL(req.url ?? '/', 'http://fake')
  const canonicalUri = url.pathname.split('/').map((seg) => uriEncode(decodeURIComponent(seg))).join('/')
  const canonicalQuery = [...url.searchParams]
    .map(([k, v]) => [uriEncode(k), uriEncode(v)])
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&')
  const canonicalHeaders = signedHeaders
    .map((h) => `${h}:${String(req.headers[h] ?? '').trim().replace(/\s+/g, ' ')}\n`)
    .join('')
  const canonicalRequest = [req.method, canonicalUri, canonicalQuery, canonicalHeaders, signedHeaderList, payloadHash].join('\n')
  const scope = `${date}/${region}/s3/aws4_request`
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n')
  const key = hmac(hmac(hmac(hmac(`AWS4${FAKE_S3.secretAccessKey}`, date), region), 's3'), 'aws4_request')
  const expected = createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex')
  return expected === signature ? null : 'signature does not match'
}

export async function startFakeS3(): Promise<FakeS3> {
  const objects = new Map<string, { bytes: Buffer; contentType: string }>()
  const calls: FakeS3Call[] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      const url = new URL(req.url ?? '/', 'http://fake')
      const [, bucket, ...rest] = url.pathname.split('/')
      const key = rest.map(decodeURIComponent).join('/')
      const signedHeaders = /SignedHeaders=([^,]+)/.exec(req.headers.authorization ?? '')?.[1]?.split(';') ?? []
      const reply = (status: number, xml = '', headers: Record<string, string> = {}) => {
        calls.push({ method: req.method ?? '', key, status, signedHeaders, payloadHash: req.headers['x-amz-content-sha256'] as string })
        res.writeHead(status, { ...(xml ? { 'content-type': 'application/xml' } : {}), ...headers })
        res.end(xml)
      }
      const error = (status: number, code: string, message: string) =>
        reply(status, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`)

      const problem = checkSignature(req, body)
      if (problem) return error(403, 'SignatureDoesNotMatch', problem)
      if (bucket !== FAKE_S3.bucket) return error(404, 'NoSuchBucket', 'The specified bucket does not exist')
      if (!key) return error(400, 'InvalidRequest', 'no key')
      switch (req.method) {
        case 'PUT':
          objects.set(key, { bytes: body, contentType: String(req.headers['content-type'] ?? 'application/octet-stream') })
          return reply(200, '', { etag: `"${createHash('md5').update(body).digest('hex')}"` })
        case 'GET': {
          const obj = objects.get(key)
          if (!obj) return error(404, 'NoSuchKey', 'The specified key does not exist.')
          calls.push({ method: 'GET', key, status: 200, signedHeaders, payloadHash: req.headers['x-amz-content-sha256'] as string })
          res.writeHead(200, { 'content-type': obj.contentType, 'content-length': String(obj.bytes.length) })
          return res.end(obj.bytes)
        }
        case 'DELETE':
          objects.delete(key)
          return reply(204)
        default:
          return error(405, 'MethodNotAllowed', 'method not allowed')
      }
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const url = `http://127.0.0.1:${port}`
  return {
    url,
    objects,
    calls,
    env: (extra = {}) => ({
      FILE_STORE: 's3',
      S3_ENDPOINT: url,
      S3_BUCKET: FAKE_S3.bucket,
      S3_REGION: FAKE_S3.region,
      S3_ACCESS_KEY_ID: FAKE_S3.accessKeyId,
      S3_SECRET_ACCESS_KEY: FAKE_S3.secretAccessKey,
      S3_FORCE_PATH_STYLE: 'true',
      S3_PREFIX: 'union/uploads/',
      ...extra,
    }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
