/** Upload and download refusals, declared once (`refuse(FileReasons.UPLOAD_QUOTA_EXCEEDED, {…})`). Zod-free. */
import { defineReasons } from '../reasons'

export const FileReasons = defineReasons({
  /** The user's uploads of the last 24 hours reached UPLOAD_QUOTA_FILES_PER_DAY / UPLOAD_QUOTA_MB_PER_DAY. */
  UPLOAD_QUOTA_EXCEEDED: {
    status: 429,
    message: (p: { files: number; mb: number }) => `上传太多了：24 小时内最多上传 ${p.files} 个文件、共 ${p.mb} MB，请稍后再试`,
  },
  /** A signed file link that is altered or past its expiry. */
  FILE_LINK_EXPIRED: { status: 403, message: '文件链接已失效，请刷新后重试' },
  /** The link is genuine but the file (or its bytes) is gone. */
  FILE_NOT_FOUND: { status: 404, message: '文件不存在' },
  /** A form references an upload that was swept (never attached within 24 hours): upload it again. */
  FILE_EXPIRED: { status: 400, message: '文件已失效，请重新上传' },
})

export type FileReason = keyof typeof FileReasons
