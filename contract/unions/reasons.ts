/** 工会组织 (the union tree and its import): refusals, declared once (see contract/reasons.ts). Zod-free. */
import { defineReasons } from '../reasons'

export const UnionReasons = defineReasons({
  UNION_NOT_FOUND: { status: 404, message: '工会不存在' },
  /** The union (or the new parent) lies outside every subtree where the caller may manage unions. */
  UNION_OUTSIDE_SUBTREE: { status: 403, message: '只能管理本级及下级工会' },
  /** Moving or closing the union the caller's own post is at (or the root): only a union above may do that. */
  UNION_OWN_POST: { status: 403, message: '不能移动或撤销本人任职的工会，请联系上级工会' },
  UNION_PARENT_UNKNOWN: { status: 400, message: '上级工会不存在' },
  UNION_PARENT_CLOSED: { status: 400, message: '上级工会已撤销' },
  UNION_KIND_NOT_ALLOWED: {
    status: 400,
    message: (p: { parentKind: string; kind: string }) => `${p.parentKind}下不能设立${p.kind}`,
  },
  /** A kind change that would leave the union's own sub-unions where they may not be. */
  UNION_KIND_CHILDREN: { status: 400, message: (p: { kind: string }) => `该工会有下级工会，不能改为${p.kind}` },
  UNION_NAME_TAKEN: { status: 409, message: '同一上级工会下已有同名工会' },
  UNION_CREDIT_CODE_TAKEN: { status: 409, message: '该统一社会信用代码已登记在其他工会' },
  /** Moving a union under itself or one of its own sub-unions. */
  UNION_MOVE_CYCLE: { status: 400, message: '不能把工会移到它自己或它的下级工会之下' },
  UNION_HAS_OPEN_CHILDREN: { status: 409, message: (p: { count: number }) => `该工会还有 ${p.count} 个下级工会未撤销，请先撤销或移走` },
  /** Members and unclaimed roster entries alike. */
  UNION_HAS_MEMBERS: { status: 409, message: (p: { count: number }) => `该工会还有 ${p.count} 名会员（含台账中尚未认证的），请先办理会员转出` },
  UNION_HAS_PENDING: { status: 409, message: (p: { count: number }) => `该工会还有 ${p.count} 份入会申请待审核，请先处理` },
  UNION_CLOSED: { status: 409, message: '该工会已撤销' },
  UNION_NOT_CLOSED: { status: 409, message: '该工会未撤销' },

  // ---- the import file ----
  UNION_IMPORT_NOT_MULTIPART: { status: 415, message: '请以文件上传的方式提交工会名单' },
  UNION_IMPORT_FILE_MISSING: { status: 400, message: '请选择要导入的工会名单文件' },
  UNION_IMPORT_FILE_EMPTY: { status: 400, message: '工会名单文件是空的' },
  UNION_IMPORT_FILE_TOO_LARGE: { status: 413, message: '工会名单文件不能超过 2 MB，请分批导入' },
  UNION_IMPORT_FILE_TYPE: { status: 415, message: '仅支持 Excel（.xlsx）或 CSV（UTF-8 / GBK）格式的工会名单' },
  UNION_IMPORT_FILE_UNREADABLE: { status: 400, message: '无法读取工会名单文件，请用 Excel 另存为 .xlsx 或 CSV 后重试' },
  UNION_IMPORT_COLUMNS_MISSING: { status: 400, message: (p: { columns: string }) => `工会名单第 1 行缺少列：${p.columns}` },
  UNION_IMPORT_NO_ROWS: { status: 400, message: '工会名单中没有数据行' },
  UNION_IMPORT_TOO_MANY_ROWS: { status: 400, message: (p: { max: number }) => `一次最多导入 ${p.max} 行，请分批导入` },
  /** Another import or edit wrote one of these unions at the same moment: nothing of this one was written. */
  UNION_IMPORT_CONFLICT: { status: 409, message: '工会名单正在被同时修改，本次未写入任何数据，请稍后重试' },
})

export type UnionReason = keyof typeof UnionReasons
