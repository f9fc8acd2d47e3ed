/** Unions and an admin session for the page tests of this package (云溪区总工会 at the top, as in the demo seed). */
import type { UnionDetail, UnionNode } from '@contract/unions/schemas'
import { json, sampleMe, sampleSession } from '../../test/fakes'

/** 管理员·周, admin of 云溪区总工会 (id 1). */
export const adminSession = () => ({
  ...sampleSession('tok-admin'),
  user: { ...sampleMe, id: 5, nickname: '管理员·周', roles: [{ role: 'admin' as const, orgId: 1, orgName: '云溪区总工会' }] },
})

export const node = (over: Partial<UnionNode> & Pick<UnionNode, 'id' | 'name'>): UnionNode => ({
  kind: 'grassroots',
  kindLabel: '基层工会',
  parentId: 1,
  parentName: '云溪区总工会',
  level: 2,
  address: '示例市云溪区青禾路 8 号',
  latitude: null,
  longitude: null,
  contactName: null,
  contactPhone: null,
  creditCode: null,
  childCount: 0,
  closedAt: null,
  movable: true,
  ...over,
})

export const district = node({ id: 1, name: '云溪区总工会', kind: 'district', kindLabel: '区总工会', parentId: null, parentName: null, level: 1, childCount: 2, movable: false })
export const street = node({ id: 2, name: '青禾街道总工会', kind: 'street', kindLabel: '街道·乡镇总工会', childCount: 1 })
export const express = node({ id: 3, name: '云溪区快递行业联合工会', kind: 'joint', kindLabel: '联合工会', closedAt: '2026-11-30T02:00:00.000Z' })
export const unionA = node({ id: 4, name: '星河物流有限公司工会', parentId: 2, parentName: '青禾街道总工会', level: 3 })
export const detailOf = (u: UnionNode, memberCount = 0): UnionDetail => ({ ...u, memberCount })

export const listOf = (items: UnionNode[]) => json(200, { items, nextCursor: null })
