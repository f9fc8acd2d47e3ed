/**
 * Matrix cases of 个人信息保护 (issue 19), run last in this order: 注销账号 (the very last) logs each persona out.
 * 退会: a member of union A outside the matrix asked to leave (targets.ts); reviewerA confirms it first, the admins over
 * A then find it decided (409); staff elsewhere are refused. 更正: the same, for two requests of members of union A
 * outside the matrix (one approved, one rejected); members ask for their own and withdraw it. 下载我的数据: memberA's
 * copy, only memberA's (404 to all).
 */
import type { Case } from './spec'
import { ADMINS, ADMINS_OVER_A, MEMBERS, REVIEWERS, grid } from './grid'

export const PRIVACY_CASES: Record<string, Case> = {
  'privacy.overview': { call: () => ({}), expect: grid(200) },
  'privacy.requestExport': { call: () => ({}), expect: grid(200) },
  'privacy.exportDetail': { call: (w) => ({ params: { id: w.t.exportA } }), expect: grid(404, { 200: ['memberA'] }) },
  'privacy.requestDeparture': { call: () => ({ body: {} }), expect: grid(403, { 200: MEMBERS }) },
  // members withdraw what they just asked; nobody else has a departure
  'privacy.withdrawDeparture': { call: () => ({}), expect: grid(404, { 200: MEMBERS }) },
  'privacy.departures': { call: () => ({}), expect: grid(403, { 200: [...REVIEWERS, ...ADMINS] }) },
  'privacy.confirmDeparture': { call: (w) => ({ params: { id: w.t.departureA } }), expect: grid(403, { 200: ['reviewerA'], 409: ADMINS_OVER_A }) },
  'privacy.requestCorrection': { call: () => ({ body: { name: '矩阵改名' } }), expect: grid(403, { 200: MEMBERS }) },
  // members withdraw what they just asked; nobody else has a correction
  'privacy.withdrawCorrection': { call: () => ({}), expect: grid(404, { 200: MEMBERS }) },
  'privacy.corrections': { call: () => ({}), expect: grid(403, { 200: [...REVIEWERS, ...ADMINS] }) },
  'privacy.approveCorrection': { call: (w) => ({ params: { id: w.t.correctionA } }), expect: grid(403, { 200: ['reviewerA'], 409: ADMINS_OVER_A }) },
  'privacy.rejectCorrection': {
    call: (w) => ({ params: { id: w.t.correctionA2 }, body: { note: '矩阵：与证件不符' } }),
    expect: grid(403, { 200: ['reviewerA'], 409: ADMINS_OVER_A }),
  },
  'privacy.requestErasure': { call: () => ({ body: { confirm: true } }), expect: grid(200) },
}
