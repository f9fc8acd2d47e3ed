/** 爱心驿站 refusals, declared once (`refuse(StationReasons.X)`; the app branches on `reason`). Zod-free. */
import { defineReasons } from '../reasons'

export const StationReasons = defineReasons({
  STATION_NOT_FOUND: { status: 404, message: '驿站不存在' },
  STATION_REPORT_NOT_FOUND: { status: 404, message: '问题反馈不存在' },
  STATION_REPORT_RESOLVED: { status: 409, message: '该问题已处理' },
  STATION_ORG_UNKNOWN: { status: 400, message: '所属工会不存在' },
  STATION_AREA_UNKNOWN: { status: 400, message: '所选区域不存在' },
  STATION_PHOTO_UNKNOWN: { status: 400, message: '照片不存在或已过期，请重新上传' },
  UPLOAD_NOT_MULTIPART: { status: 415, message: '请以表单方式上传照片' },
  UPLOAD_FILE_MISSING: { status: 400, message: '请选择照片' },
  UPLOAD_FILE_EMPTY: { status: 400, message: '照片是空的，请重新选择' },
  UPLOAD_FILE_TYPE: { status: 415, message: '仅支持 JPG、PNG、WebP 格式的照片' },
  UPLOAD_FILE_TOO_LARGE: { status: 413, message: '照片不能超过 5 MB，请压缩后重新上传' },
  STATION_IMPORT_NOT_MULTIPART: { status: 415, message: '请以表单方式上传驿站名单文件' },
  STATION_IMPORT_FILE_MISSING: { status: 400, message: '请选择驿站名单文件' },
  STATION_IMPORT_FILE_EMPTY: { status: 400, message: '文件是空的，请重新选择' },
  STATION_IMPORT_FILE_TOO_LARGE: { status: 413, message: '文件超过 2 MB，请分批导入' },
  STATION_IMPORT_FILE_TYPE: { status: 415, message: '仅支持 .xlsx 或 .csv 文件' },
  STATION_IMPORT_FILE_UNREADABLE: { status: 400, message: '无法读取该文件，请用 Excel 另存为 .xlsx 后重试' },
  STATION_IMPORT_NO_ROWS: { status: 400, message: '文件中没有驿站数据' },
  STATION_IMPORT_COLUMNS_MISSING: { status: 400, message: (p: { columns: string }) => `缺少列：${p.columns}` },
  STATION_IMPORT_TOO_MANY_ROWS: { status: 400, message: (p: { max: number }) => `一次最多导入 ${p.max} 个驿站` },
})

export type StationReason = keyof typeof StationReasons
