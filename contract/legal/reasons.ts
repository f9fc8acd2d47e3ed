/**
 * 法律援助 refusals, declared once (see contract/reasons.ts): the server refuses by name, the app branches on
 * `reason`, never on the text. Zod-free.
 */
import { defineReasons } from '../reasons'
import { LEGAL_DOCUMENT_MAX_LABEL, LEGAL_STATUSES, LEGAL_HOTLINE, type LegalStatus } from './labels'

export const LegalReasons = defineReasons({
  /** 403: consultations are taken by the member's own union; non-members are pointed to the hotline. */
  NOT_MEMBER: { status: 403, message: `加入工会后可在线申请法律援助；也可拨打职工维权热线 ${LEGAL_HOTLINE}` },
  LEGAL_CASE_NOT_FOUND: { status: 404, message: '咨询不存在' },
  /** 403: the case belongs to a union outside the caller's post. */
  LEGAL_CASE_OUTSIDE_SCOPE: { status: 403, message: '该咨询不属于您负责的工会' },
  /** 403: the worklist's `orgId` filter names a union outside the caller's post. */
  LEGAL_UNION_OUTSIDE: { status: 403, message: '该工会不在您负责的范围内' },
  /** 400 beside `amount`: 欠薪 needs the amount owed. */
  LEGAL_AMOUNT_REQUIRED: { status: 400, message: '请填写拖欠金额' },
  /** 400 beside `phone`: 电话联系 needs a number. */
  LEGAL_PHONE_REQUIRED: { status: 400, message: '选择电话联系请填写手机号' },
  /** 400 beside `attachments`: not one of the caller's uploads (or swept since). */
  LEGAL_FILE_UNAVAILABLE: { status: 400, message: '附件不存在或已失效，请重新上传' },
  LEGAL_CASE_CLOSED: { status: 409, message: '该咨询已结案' },
  LEGAL_WRONG_STATUS: { status: 409, message: (p: { status: LegalStatus }) => `该咨询${LEGAL_STATUSES[p.status]}，不能进行此操作` },
  /** 409: taken by someone else already. */
  LEGAL_ALREADY_TAKEN: { status: 409, message: (p: { by: string }) => `该咨询已由${p.by}受理` },
  /** 409: reply, ask, schedule and close are for a taken case. */
  LEGAL_NOT_TAKEN: { status: 409, message: '请先受理该咨询' },
  /** 400 beside `amountRecovered`. */
  LEGAL_RECOVERED_REQUIRED: { status: 400, message: '调解成功请填写追回金额' },
  /** 400 beside `at`. */
  LEGAL_SESSION_IN_PAST: { status: 400, message: '预约时间须晚于现在' },
  /** 400 beside `place`. */
  LEGAL_PLACE_REQUIRED: { status: 400, message: '面谈请填写地点' },
  LEGAL_NOT_CLOSED: { status: 409, message: '结案后才能评价' },
  LEGAL_ALREADY_RATED: { status: 409, message: '您已评价过这次服务' },
  LEGAL_WITHDRAWN_NO_RATING: { status: 409, message: '已撤回的咨询无需评价' },

  LEGAL_UPLOAD_NOT_MULTIPART: { status: 415, message: '请以 multipart/form-data 上传附件' },
  LEGAL_DOCUMENT_TOO_LARGE: { status: 413, message: `单个文件不能超过 ${LEGAL_DOCUMENT_MAX_LABEL}` },
  LEGAL_FILE_REQUIRED: { status: 400, message: '请选择要上传的文件' },
  LEGAL_FILE_EMPTY: { status: 400, message: '文件内容为空' },
  LEGAL_DOCUMENT_TYPE: { status: 415, message: '只支持照片（JPG、PNG、WebP）或 PDF 文件' },
})

export type LegalReason = keyof typeof LegalReasons
