import { endpoint } from '../endpoint'
import type * as s from './schemas'

/** 工会卡优惠商户. */
export const merchantsApi = {
  /** Active offers of the caller's union and the unions above it, nearest first, cursor-paged. */
  list: endpoint<typeof s.list>('GET', '/api/merchants'),
  /** Admin: the offers of the caller's unions, expired and upcoming ones included, cursor-paged. */
  manage: endpoint<typeof s.manage>('GET', '/api/merchants/manage'),
  create: endpoint<typeof s.create>('POST', '/api/merchants'),
  update: endpoint<typeof s.update>('PUT', '/api/merchants/:id'),
  /** 下架: gone from the members' list; the admin list no longer shows it. */
  takeDown: endpoint<typeof s.takeDown>('DELETE', '/api/merchants/:id'),
}
