import { endpoint } from '../endpoint'
import type * as s from './schemas'

export const systemApi = {
  health: endpoint<typeof s.health>('GET', '/api/health'),
}
