/**
 * FILE_STORE=s3: the bytes as objects in an S3-compatible bucket (Tencent COS — the object storage behind WeChat
 * Cloud Hosting —, MinIO, AWS S3). Requests are signed with AWS Signature V4 by aws4fetch (a small, dependency-free
 * signer over fetch), with the payload's SHA-256 signed too. The bucket stays private: the server reads objects
 * and serves them through its own signed links, so no object-store URL ever reaches a client.
 */
import { createHash } from 'node:crypto'
import { AwsClient } from 'aws4fetch'
import type { S3Config } from '../config'
import type { BlobBackend } from './backends'

/** Thrown for an answer of the object store we cannot use; the message never carries credentials. */
export class ObjectStoreError extends Error {
  constructor(
    readonly operation: string,
    readonly status: number,
    readonly detail: string,
  ) {
    super(`对象存储 ${operation} 失败（HTTP ${status}）${detail ? `：${detail}` : ''}`)
    this.name = 'ObjectStoreError'
  }
}

const sha256Hex = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex')
const EMPTY_SHA256 = sha256Hex('')

export class S3Blobs implements BlobBackend {
  readonly kind = 's3' as const
  readonly external = true
  private readonly client: AwsClient

  constructor(private readonly config: S3Config) {
    this.client = new AwsClient({
      accessKeyId: config.accessKeyId,
      secretAccessKey: config.secretAccessKey,
      ...(config.sessionToken ? { sessionToken: config.sessionToken } : {}),
      service: 's3',
      region: config.region,
      // A 5xx or 429 is retried twice with backoff; the upload request is waiting meanwhile.
      retries: 2,
    })
  }

  /** The object's URL: virtual-hosted style (`https://<bucket>.<endpoint host>/<key>`, COS) or path style. */
  urlOf(key: string): string {
    const objectPath = `${this.config.prefix}${key}`.split('/').map(encodeURIComponent).join('/')
    const endpoint = new URL(this.config.endpoint)
    if (this.config.forcePathStyle) {
      return `${endpoint.origin}${endpoint.pathname.replace(/\/+$/, '')}/${this.config.bucket}/${objectPath}`
    }
    return `${endpoint.protocol}//${this.config.bucket}.${endpoint.host}/${objectPath}`
  }

  async put(_tx: unknown, key: string, bytes: Uint8Array, mime: string): Promise<void> {
    const res = await this.request('PUT', key, {
      body: bytes,
      headers: { 'content-type': mime, 'x-amz-content-sha256': sha256Hex(bytes) },
    })
    if (!res.ok) throw new ObjectStoreError('PUT', res.status, await errorCode(res))
    await res.body?.cancel()
  }

  async get(_db: unknown, key: string): Promise<Buffer | null> {
    const res = await this.request('GET', key, { headers: { 'x-amz-content-sha256': EMPTY_SHA256 } })
    if (res.status === 404) {
      await res.body?.cancel()
      return null
    }
    if (!res.ok) throw new ObjectStoreError('GET', res.status, await errorCode(res))
    return Buffer.from(await res.arrayBuffer())
  }

  async remove(key: string): Promise<void> {
    const res = await this.request('DELETE', key, { headers: { 'x-amz-content-sha256': EMPTY_SHA256 } })
    // S3 answers 204 for a deleted and for a missing object alike; some stores answer 404 for the latter.
    if (!res.ok && res.status !== 404) throw new ObjectStoreError('DELETE', res.status, await errorCode(res))
    await res.body?.cancel()
  }

  private request(method: string, key: string, init: { body?: Uint8Array; headers: Record<string, string> }): Promise<Response> {
    return this.client.fetch(this.urlOf(key), {
      method,
      headers: init.headers,
      ...(init.body ? { body: init.body as Uint8Array<ArrayBuffer> } : {}),
      signal: AbortSignal.timeout(this.config.timeoutMs),
    })
  }
}

/** The `<Code>` of an S3 error document (e.g. SignatureDoesNotMatch), for the log; never the whole body. */
async function errorCode(res: Response): Promise<string> {
  const text = await res.text().catch(() => '')
  return /<Code>([^<]{1,64})<\/Code>/.exec(text)?.[1] ?? ''
}
