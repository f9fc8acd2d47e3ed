import type { Role, RoleGrant } from '@contract/auth/schemas'

export const ROLE_LABELS: Record<Role, string> = {
  member: '会员',
  venue_staff: '场馆核销员',
  reviewer: '审核员',
  admin: '管理员',
  legal_staff: '法律援助专员',
  station_keeper: '驿站站长',
}

export function roleLabel(role: Role | string): string {
  return (ROLE_LABELS as Record<string, string>)[role] ?? role
}

/** 会员 · 星河物流有限公司工会 */
export function roleTagText(grant: RoleGrant): string {
  return `${roleLabel(grant.role)} · ${grant.orgName}`
}
