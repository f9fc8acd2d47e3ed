import { endpoint } from '../endpoint'
import type * as s from './schemas'

/**
 * 工会组织: an admin (orgs.manage) keeps the union tree of their subtree — creates, edits, moves, closes (撤销) and
 * reopens unions, and imports many at once. Nobody acts outside their subtree; the union of one's own post (and the
 * root) is moved or closed only from above.
 */
export const unionsApi = {
  /** The children of `parentId`, or (without it) the unions of the caller's posts, or a name search (`q`); cursor-paged. */
  list: endpoint<typeof s.list>('GET', '/api/unions'),
  detail: endpoint<typeof s.detail>('GET', '/api/unions/:id'),
  create: endpoint<typeof s.create>('POST', '/api/unions'),
  /** Rename, change kind (its sub-unions must still fit), address and coordinates, contact, credit code. */
  update: endpoint<typeof s.update>('PUT', '/api/unions/:id'),
  /** Under another union of the caller's subtree (never under itself or its own sub-unions); its subtree moves along. */
  move: endpoint<typeof s.move>('POST', '/api/unions/:id/move'),
  /** 撤销: only with no open sub-union and no active member; hidden from 入会 and staff pickers, kept for the records. */
  close: endpoint<typeof s.close>('POST', '/api/unions/:id/close'),
  reopen: endpoint<typeof s.reopen>('POST', '/api/unions/:id/reopen'),
  /**
   * multipart/form-data, one `file` part (.xlsx, or .csv in UTF-8 or GBK; ≤ 2 MB) with the columns 名称 上级工会 类型
   * 地址 联系人 联系电话 统一社会信用代码 (optional): every row checked, nothing written.
   */
  importDryRun: endpoint<typeof s.importDryRun>('POST', '/api/unions/import/dry-run'),
  /** The same file and checks; all rows written in one transaction — or, if any row has a problem, none. */
  importCommit: endpoint<typeof s.importCommit>('POST', '/api/unions/import'),
}
