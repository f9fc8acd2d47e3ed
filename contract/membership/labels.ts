/** Enumerations and their Chinese labels, shared by server and app. Zod-free. */
import { keysOf } from '../labels'
export const EMPLOYMENT_TYPES = {
  employee: '在职职工',
  ride_hailing: '网约车司机',
  courier: '快递员',
  delivery: '外卖配送员',
  truck: '货车司机',
  streamer: '网络主播',
  other_gig: '其他新就业形态劳动者',
} as const
export type EmploymentType = keyof typeof EMPLOYMENT_TYPES
export const EMPLOYMENT_TYPE_KEYS = keysOf(EMPLOYMENT_TYPES)
/** 新就业形态劳动者: every type but 在职职工. */
export const isGigWorker = (t: EmploymentType): boolean => t !== 'employee'

export const APPLICATION_STATUSES = {
  submitted: '审核中',
  approved: '已通过',
  rejected: '未通过',
} as const
export type ApplicationStatus = keyof typeof APPLICATION_STATUSES

/** Review deadline for a joining application, in working days (Mon–Fri). */
export const MEMBERSHIP_REVIEW_WORKING_DAYS = 3
/** The e-member card QR rotates this often; a code older than this is expired. */
export const CARD_CODE_TTL_SECONDS = 60
