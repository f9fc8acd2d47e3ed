/**
 * Demo personas (dev mode only): the one list used by the seed and by GET /api/auth/options.
 * All names are invented.
 */
import type { Persona, Role } from '@contract/auth/schemas'

/** Keys of the demo orgs created by the seed (see seed.ts). */
export type DemoOrgKey = 'district' | 'street' | 'park' | 'logistics' | 'express' | 'gig'

export interface PersonaDef extends Persona {
  /** `venues`: names of seeded venues (seed.ts DEMO_VENUES) the grant is bound to (user_roles.bindings.venues). */
  roles: { role: Role; org: DemoOrgKey; venues?: string[]; stations?: string[] }[]
}

export const PERSONAS: readonly PersonaDef[] = [
  {
    key: 'member',
    nickname: '李晓梅',
    description: '已入会会员：星河物流有限公司工会会员，可领取会员福利',
    roles: [{ role: 'member', org: 'logistics' }],
  },
  {
    key: 'gig',
    nickname: '王小骑',
    description: '外卖骑手：尚未入会，可体验入会申请',
    roles: [],
  },
  {
    key: 'venue',
    nickname: '场馆核销员·陈',
    description: '场馆工作人员：在云溪影城、云溪游泳馆核销云溪区总工会范围内的福利券，活动签到',
    roles: [{ role: 'venue_staff', org: 'district', venues: ['云溪影城', '云溪游泳馆'] }],
  },
  {
    key: 'reviewer',
    nickname: '审核员·赵',
    description: '审核员：审核云溪区新就业形态劳动者联合工会的入会与帮扶申请',
    roles: [{ role: 'reviewer', org: 'gig' }],
  },
  {
    key: 'legal',
    nickname: '法律援助专员·孙',
    description: '法律援助专员：青禾街道总工会，受理辖区会员的欠薪、劳动合同、工伤等法律咨询',
    roles: [{ role: 'legal_staff', org: 'street' }],
  },
  {
    key: 'admin',
    nickname: '管理员·周',
    description: '管理员：云溪区总工会，管理全区活动、消费券与工作人员',
    roles: [{ role: 'admin', org: 'district' }],
  },
  {
    key: 'keeper',
    nickname: '驿站站长·孙',
    description: '驿站站长：值守云溪路骑手暖心驿站，更新开放状态、处理问题反馈',
    roles: [{ role: 'station_keeper', org: 'district', stations: ['云溪路骑手暖心驿站'] }],
  },
]

export const personaOpenid = (key: string) => `dev:${key}`

export function findPersona(key: string): PersonaDef | undefined {
  return PERSONAS.find((p) => p.key === key)
}

/** The public part, for /api/auth/options. */
export function publicPersonas(): Persona[] {
  return PERSONAS.map(({ key, nickname, description }) => ({ key, nickname, description }))
}
