import { endpoint } from '../endpoint'
import type * as s from './schemas'

/** 会员实名制台账 import (admins) and 会员认证 (a logged-in non-member claims an imported membership). */
export const rosterApi = {
  /**
   * multipart/form-data, one `file` part (.xlsx, or .csv in UTF-8 with or without BOM, or GBK; ≤ 5 MB) with the
   * columns 姓名 身份证号 手机号 所属工会 会员编号 (optional) 入会日期 就业形态: every row checked, nothing written.
   */
  dryRun: endpoint<typeof s.dryRun>('POST', '/api/membership/roster/dry-run'),
  /** The same file and checks; all rows written in one transaction — or, if any row has a problem, none. */
  commit: endpoint<typeof s.commit>('POST', '/api/membership/roster/import'),
  /** 会员认证: name + ID number + the phone's last 4 digits → a verified membership at once, or ROSTER_NO_MATCH. */
  claim: endpoint<typeof s.claim>('POST', '/api/membership/claim'),
}
