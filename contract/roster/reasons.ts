/** 会员实名制台账 import and 会员认证: refusals, declared once (see contract/membership/reasons.ts). Zod-free. */
import { defineReasons } from '../reasons'

export const RosterReasons = defineReasons({
  // ---- the upload ----
  ROSTER_NOT_MULTIPART: { status: 415, message: '请以文件上传的方式提交台账' },
  ROSTER_FILE_MISSING: { status: 400, message: '请选择要导入的台账文件' },
  ROSTER_FILE_EMPTY: { status: 400, message: '台账文件是空的' },
  ROSTER_FILE_TOO_LARGE: { status: 413, message: '台账文件不能超过 5 MB，请分批导入' },
  /** Neither an .xlsx workbook (zip) nor a text file, by its bytes. */
  ROSTER_FILE_TYPE: { status: 415, message: '仅支持 Excel（.xlsx）或 CSV（UTF-8 / GBK）格式的台账' },
  ROSTER_FILE_UNREADABLE: { status: 400, message: '无法读取台账文件，请用 Excel 另存为 .xlsx 或 CSV 后重试' },
  ROSTER_COLUMNS_MISSING: { status: 400, message: (p: { columns: string }) => `台账第 1 行缺少列：${p.columns}` },
  ROSTER_NO_ROWS: { status: 400, message: '台账中没有数据行' },
  ROSTER_TOO_MANY_ROWS: { status: 400, message: (p: { max: number }) => `一次最多导入 ${p.max} 行，请分批导入` },
  /** The union chosen for the file (orgId) lies outside the admin's subtree. */
  ROSTER_UNION_OUTSIDE: { status: 403, message: '只能向您管理的工会导入台账' },
  ROSTER_UNION_CLOSED: { status: 400, message: '所选工会已撤销，不能导入台账' },
  /** Two imports wrote the same person at the same moment: nothing of this one was written. */
  ROSTER_IMPORT_CONFLICT: { status: 409, message: '台账正在被同时导入，本次未写入任何数据，请稍后重试' },

  // ---- 会员认证 ----
  /** One sentence for every mismatch (name, ID number, phone, already claimed): it says nothing about which. */
  ROSTER_NO_MATCH: {
    status: 400,
    message: '未能完成会员认证：信息与工会会员台账不一致。请核对后重试，或直接提交入会申请',
  },
  ROSTER_CLAIMS_EXCEEDED: { status: 429, message: '今日会员认证次数已达上限，请明天再试或提交入会申请' },
})

export type RosterReason = keyof typeof RosterReasons
