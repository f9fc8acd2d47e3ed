/**
 * A file the admin picked (antd Upload hands a browser File) sent to a contract endpoint through the console's
 * ApiClient (the same session, relogin and ApiError as every other call), with the endpoint's typed query; and the
 * same file sent to an endpoint that answers with a file (.xlsx), saved by the browser.
 */
import type { Endpoint, QueryOf, ResponseOf } from '@contract/endpoint'
import type { ApiClient } from '@/api/client'
import { ApiError } from '@/api/errors'
import { browserSaver, filenameOf, type Fetcher, type Saver } from './download'

const withQuery = (path: string, query: Record<string, unknown> | undefined): string => {
  const q = Object.entries(query ?? {}).filter(([, v]) => v !== undefined && v !== '')
  return q.length ? `${path}?${new URLSearchParams(q.map(([k, v]) => [k, String(v)])).toString()}` : path
}

/** POST `file` (multipart part `file`) to `endpoint` with `query`; the endpoint's response, or its ApiError. */
export async function sendFile<E extends Endpoint>(api: ApiClient, endpoint: E, file: File, query?: QueryOf<E>): Promise<ResponseOf<E>> {
  const url = URL.createObjectURL(file)
  try {
    return await api.upload({ ...endpoint, path: withQuery(endpoint.path, query as Record<string, unknown>) } as E, { filePath: url, fileName: file.name } as never)
  } finally {
    URL.revokeObjectURL(url)
  }
}

/** POST `file` to `endpoint` (which answers with a file) and save the answer; a refusal becomes the server's ApiError. */
export async function sendFileForDownload<E extends Endpoint>(
  endpoint: E,
  file: File,
  query: QueryOf<E>,
  token: string | null,
  fallbackName: string,
  options: { fetcher?: Fetcher; saver?: Saver } = {},
): Promise<string> {
  const form = new FormData()
  form.append('file', file, file.name)
  const res = await (options.fetcher ?? fetch)(withQuery(endpoint.path, query as Record<string, unknown>), {
    method: endpoint.method,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body: form,
  })
  if (!res.ok) {
    let body: { code?: string; reason?: string; message?: string } = {}
    try {
      body = (await res.json()) as typeof body
    } catch {
      // not JSON
    }
    throw new ApiError({ status: res.status, code: body.code ?? 'NETWORK', reason: body.reason ?? body.code ?? 'NETWORK', message: body.message ?? '下载失败，请稍后再试' })
  }
  const name = filenameOf(res.headers.get('content-disposition'), fallbackName)
  ;(options.saver ?? browserSaver).save(await res.blob(), name)
  return name
}
