import { endpoint } from '../endpoint'
import type * as s from './schemas'

export const applicationsApi = {
  /** The caller's applications of every kind (入会、帮扶救助、活动报名审批), most recently changed first, each with its stage and timeline. */
  mine: endpoint<typeof s.mine>('GET', '/api/me/applications'),
}
