import { endpoint } from '../endpoint'
import type * as s from './schemas'

/** 会员实名制台账 import (admins) and 会员认证 (a logged-in non-member claims an imported membership). */
export const rosterApi = {
  /**
   * multipart/form-data, one `file` part (.xlsx, or .csv in UTF-8 with or without BOM, or GBK; ≤ 5 MB) with the
   * columns 姓名 身份证号 手机号 所属工会 会员编号 (optional) 入会日期 就业形态: every row checked, nothing written.
   * `orgId`: the union the file is for (a union of the admin's subtree; the gate refuses any other).
   */
  dryRun: endpoint<typeof s.dryRun>('POST', '/api/membership/roster/dry-run'),
  /**
   * The same file and checks; all rows written in one transaction — or, if any row has a problem, none; with
   * `skipRejected=1` the rows without a problem written and the others left out (the report lists them).
   */
  commit: endpoint<typeof s.commit>('POST', '/api/membership/roster/import'),
  /** The same file (and orgId) as the dry run → .xlsx of its rows with a problem (or already members), 问题说明 added. */
  problemRows: endpoint<typeof s.problemRows>('POST', '/api/membership/roster/problems'),
  /** The empty template to fill in (.xlsx). */
  template: endpoint<typeof s.template>('GET', '/api/membership/roster/template'),
  /** 会员认证: name + ID number + the phone's last 4 digits → a verified membership at once, or ROSTER_NO_MATCH. */
  claim: endpoint<typeof s.claim>('POST', '/api/membership/claim'),
}
