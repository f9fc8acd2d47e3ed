/** 工作人员与邀请 (staff roles by invitation): labels and limits shared by server and app. Zod-free. */

/** The roles an invitation may grant (member is never granted by invitation: it comes from 入会). */
export const STAFF_ROLE_LABELS = {
  reviewer: '审核员',
  venue_staff: '场馆核销员',
  admin: '管理员',
  legal_staff: '法律援助专员',
  station_keeper: '驿站站长',
} as const
export type StaffRole = keyof typeof STAFF_ROLE_LABELS
export const STAFF_ROLES = Object.keys(STAFF_ROLE_LABELS) as [StaffRole, ...StaffRole[]]

/** Invitation codes: this many characters of an alphabet without look-alikes (no 0/O, 1/I/L). */
export const STAFF_CODE_LENGTH = 12
export const STAFF_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'

/** Expiry of an invitation in days: 7 unless chosen, never more than 30. The bootstrap code lives 24 hours. */
export const INVITE_DAYS_DEFAULT = 7
export const INVITE_DAYS_MAX = 30
export const BOOTSTRAP_HOURS = 24

/** What people type or paste: upper case, without spaces and dashes. */
export function normaliseStaffCode(raw: string): string {
  return raw.toUpperCase().replace(/[\s-]/g, '')
}

/** Shown as the inviter of the bootstrap code (nobody invited: the operator ran `npm run admin -- bootstrap`). */
export const BOOTSTRAP_INVITER = '系统初始化'
