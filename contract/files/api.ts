import { endpoint } from '../endpoint'
import type * as s from './schemas'

export const filesApi = {
  /**
   * A stored file through a short-lived signed URL (`?exp=<unix seconds>&sig=…`) that the server hands out,
   * e.g. Me.avatarUrl. No Authorization header needed, so <Image src> works. Expired or altered → 403.
   */
  download: endpoint<typeof s.download>('GET', '/api/files/:id'),
}
