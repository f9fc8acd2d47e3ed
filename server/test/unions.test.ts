/**
 * 工会组织: an admin keeps the union tree of their subtree — create, edit, move, close, reopen, import — and nobody
 * acts outside it: tried as a sibling union's admin, a lower level's admin, a reviewer and a member would.
 */
import { membershipApi } from '@contract/membership/api'
import { staffApi } from '@contract/staff/api'
import { StaffReasons } from '@contract/staff/reasons'
import { unionsApi } from '@contract/unions/api'
import { UnionReasons } from '@contract/unions/reasons'
import { isCreditCode } from '@contract/unions/labels'
import { databases, useDatabase, type TestApp } from './harness'
import type { Db } from '../src/db'
import { rawRows, sql } from './builders/membership'
import { rosterForm } from './builders/roster'
import { creditCode, unionsCsv, unionsXlsx, type UnionLine } from './builders/unions'
import { auditOf, orgId, person } from './staff-helpers'

const fields = (name: string, over: Record<string, unknown> = {}) => ({
  name,
  kind: 'grassroots',
  address: '示例市云溪区青禾路 8 号',
  contactName: '李主席',
  contactPhone: '13800001111',
  ...over,
})

describe.each(databases())('union tree on %s', (target) => {
  const h = useDatabase(target)
  let app: TestApp
  let db: Db
  let admin: string
  let org: { district: number; street: number; park: number; unionA: number; express: number }

  beforeAll(async () => {
    app = await h.app({ RATE_LIMIT_PER_MIN: '100000' })
    db = h.database.db
    admin = await app.login('admin') // 云溪区总工会
    org = {
      district: await orgId(db, '云溪区总工会'),
      street: await orgId(db, '青禾街道总工会'),
      park: await orgId(db, '云溪科技园区工会'),
      unionA: await orgId(db, '星河物流有限公司工会'),
      express: await orgId(db, '云溪区快递行业联合工会'),
    }
  })

  const pathOf = async (id: number) => (await rawRows<{ path: string }>(h, sql`select path from orgs where id = ${id}`))[0]?.path
  const create = (token: string, body: Record<string, unknown>) => app.call(unionsApi.create, { token, body: body as never })
  const dryRun = (bytes: Buffer, name: string, token = admin) => app.call(unionsApi.importDryRun, { token, form: rosterForm(bytes, name) })
  const commit = (bytes: Buffer, name: string, token = admin) => app.call(unionsApi.importCommit, { token, form: rosterForm(bytes, name) })

  it('an admin creates, browses and edits unions of their subtree; bad input is refused beside its field', async () => {
    const made = await create(admin, { parentId: org.street, ...fields('青禾第一基层工会', { creditCode: creditCode(1), latitude: 30.28, longitude: 120.16 }) })
    expect(made.status).toBe(200)
    expect(made.body).toMatchObject({ name: '青禾第一基层工会', kind: 'grassroots', kindLabel: '基层工会', parentName: '青禾街道总工会', level: 3, movable: true, memberCount: 0 })
    expect(await pathOf(made.body.id)).toBe(`/${org.district}/${org.street}/${made.body.id}/`)

    const children = await app.ok(unionsApi.list, { token: admin, query: { parentId: org.street } })
    expect(children.items.map((u) => u.name)).toContain('青禾第一基层工会')
    const roots = await app.ok(unionsApi.list, { token: admin, query: {} })
    expect(roots.items).toEqual([expect.objectContaining({ id: org.district, movable: false, childCount: 2 })])
    const found = await app.ok(unionsApi.list, { token: admin, query: { q: '第一基层' } })
    expect(found.items.map((u) => u.id)).toEqual([made.body.id])

    const renamed = await app.call(unionsApi.update, { token: admin, params: { id: made.body.id }, body: fields('青禾一号基层工会', { contactPhone: '0571-87650000' }) as never })
    expect(renamed.status).toBe(200)
    expect(renamed.body).toMatchObject({ name: '青禾一号基层工会', contactPhone: '0571-87650000' })

    // the same name under the same parent; a kind that may not sit there; a bad phone and credit code
    const taken = await create(admin, { parentId: org.street, ...fields('青禾一号基层工会') })
    expect([taken.status, taken.body.reason, taken.body.fields]).toEqual([409, UnionReasons.UNION_NAME_TAKEN.reason, { name: UnionReasons.UNION_NAME_TAKEN.message() }])
    const kind = await create(admin, { parentId: org.unionA, ...fields('车队分会') })
    expect([kind.status, kind.body.reason]).toEqual([400, UnionReasons.UNION_KIND_NOT_ALLOWED.reason])
    expect(kind.body.fields).toEqual({ kind: '基层工会下不能设立基层工会' })
    const bad = await create(admin, { parentId: org.street, ...fields('青禾二号基层工会', { contactPhone: '12345', creditCode: '91350100M000100Y44' }) })
    expect(bad.status).toBe(400)
    expect(Object.keys(bad.body.fields ?? {}).sort()).toEqual(['contactPhone', 'creditCode'])
    expect(isCreditCode('91350100M000100Y43')).toBe(true)
    // a street union cannot become a grassroots one while unions sit under it
    const demote = await app.call(unionsApi.update, { token: admin, params: { id: org.street }, body: fields('青禾街道总工会') as never })
    expect([demote.status, demote.body.reason]).toEqual([400, UnionReasons.UNION_KIND_CHILDREN.reason])
    expect((await auditOf(db, 'unions.create')).some((a) => a.subjectId === String(made.body.id))).toBe(true)
  })

  it('moving a union moves its subtree; never under itself; closing waits for an empty union; closed ones leave the pickers', async () => {
    const branch = await app.ok(unionsApi.create, { token: admin, body: { parentId: org.street, ...fields('青禾园区分工会', { kind: 'park' }) } as never })
    const leaf = await app.ok(unionsApi.create, { token: admin, body: { parentId: branch.id, ...fields('园区食堂工会') } as never })
    const moved = await app.call(unionsApi.move, { token: admin, params: { id: branch.id }, body: { parentId: org.district } })
    expect(moved.status).toBe(200)
    expect(moved.body).toMatchObject({ parentName: '云溪区总工会', level: 2 })
    expect(await pathOf(leaf.id)).toBe(`/${org.district}/${branch.id}/${leaf.id}/`)
    const cycle = await app.call(unionsApi.move, { token: admin, params: { id: branch.id }, body: { parentId: leaf.id } })
    expect([cycle.status, cycle.body.reason]).toEqual([400, UnionReasons.UNION_MOVE_CYCLE.reason])
    const root = await app.call(unionsApi.move, { token: admin, params: { id: org.district }, body: { parentId: org.street } })
    expect([root.status, root.body.reason]).toEqual([403, UnionReasons.UNION_OWN_POST.reason])

    // a union with members cannot close; an empty one can, and leaves 入会 and the staff pickers
    const full = await app.call(unionsApi.close, { token: admin, params: { id: org.unionA }, body: { reason: '企业注销' } })
    expect([full.status, full.body.reason]).toEqual([409, UnionReasons.UNION_HAS_MEMBERS.reason])
    const parentOpen = await app.call(unionsApi.close, { token: admin, params: { id: branch.id }, body: { reason: '园区撤并' } })
    expect([parentOpen.status, parentOpen.body.reason]).toEqual([409, UnionReasons.UNION_HAS_OPEN_CHILDREN.reason])
    const early = await app.ok(staffApi.createInvitation, { token: admin, body: { role: 'reviewer', orgId: leaf.id, note: '撤销前的邀请' } })
    const closed = await app.call(unionsApi.close, { token: admin, params: { id: leaf.id }, body: { reason: '食堂外包，会员已转出' } })
    expect(closed.status).toBe(200)
    expect(closed.body.closedAt).not.toBeNull()
    const member = await app.login('member')
    const joinable = await app.ok(membershipApi.unions, { token: member, query: { q: '园区食堂', limit: 50 } })
    expect(joinable.items).toEqual([])
    const appointable = await app.ok(staffApi.unions, { token: admin, query: { q: '园区食堂', limit: 50 } })
    expect(appointable.items).toEqual([])
    expect((await app.ok(unionsApi.list, { token: admin, query: { parentId: branch.id } })).items).toEqual([])
    expect((await app.ok(unionsApi.list, { token: admin, query: { parentId: branch.id, includeClosed: 'true' } as never })).items).toHaveLength(1)
    const child = await create(admin, { parentId: leaf.id, ...fields('不该有的工会') })
    expect(child.status).toBe(400)
    // nobody is appointed at a closed union: not by a new invitation, nor by one sent before it closed
    const late = await app.call(staffApi.createInvitation, { token: admin, body: { role: 'reviewer', orgId: leaf.id, note: '撤销后的邀请' } })
    expect([late.status, late.body.reason]).toEqual([409, StaffReasons.STAFF_ORG_CLOSED.reason])
    const invitee = await person(app, db)
    const preview = await app.ok(staffApi.preview, { token: invitee.token, body: { code: early.code } })
    expect([preview.canAccept, preview.reason]).toEqual([false, StaffReasons.STAFF_ORG_CLOSED.message()])
    const accept = await app.call(staffApi.accept, { token: invitee.token, body: { code: early.code } })
    expect([accept.status, accept.body.reason]).toEqual([409, StaffReasons.STAFF_ORG_CLOSED.reason])
    const reopened = await app.call(unionsApi.reopen, { token: admin, params: { id: leaf.id } })
    expect([reopened.status, reopened.body.closedAt]).toEqual([200, null])
    expect((await auditOf(db, 'unions.close'))[0].detail).toMatchObject({ reason: '食堂外包，会员已转出' })
  })

  it('as an attacker: a sibling’s admin, a lower level’s admin, a reviewer and a member act nowhere outside their post', async () => {
    const adminA = await person(app, db, ['admin', org.unionA])
    const streetAdmin = await person(app, db, ['admin', org.street])
    const reviewer = await person(app, db, ['reviewer', org.street])
    const member = await app.login('member')
    const siblingEdit = await app.call(unionsApi.update, { token: adminA.token, params: { id: org.express }, body: fields('被改名的工会', { kind: 'joint' }) as never })
    expect([siblingEdit.status, siblingEdit.body.reason]).toEqual([403, UnionReasons.UNION_OUTSIDE_SUBTREE.reason])
    expect((await app.call(unionsApi.detail, { token: adminA.token, params: { id: org.express } })).status).toBe(403)
    expect((await app.call(unionsApi.list, { token: adminA.token, query: { parentId: org.street } })).status).toBe(403)
    // their own union: editable, but neither movable nor closable from where they sit
    expect((await app.call(unionsApi.update, { token: adminA.token, params: { id: org.unionA }, body: fields('星河物流有限公司工会', { address: '示例市云溪区星河路 9 号' }) as never })).status).toBe(200)
    const ownMove = await app.call(unionsApi.move, { token: adminA.token, params: { id: org.unionA }, body: { parentId: org.unionA } })
    expect([ownMove.status, ownMove.body.reason]).toEqual([403, UnionReasons.UNION_OWN_POST.reason])
    const ownClose = await app.call(unionsApi.close, { token: adminA.token, params: { id: org.unionA }, body: { reason: '试图撤销本单位' } })
    expect([ownClose.status, ownClose.body.reason]).toEqual([403, UnionReasons.UNION_OWN_POST.reason])
    // a street admin moves a union of their street — but not out of it, and not one of the park's
    const out = await app.call(unionsApi.move, { token: streetAdmin.token, params: { id: org.unionA }, body: { parentId: org.park } })
    expect([out.status, out.body.reason]).toEqual([403, UnionReasons.UNION_OUTSIDE_SUBTREE.reason])
    const created = await create(streetAdmin.token, { parentId: org.park, ...fields('园区外的工会') })
    expect([created.status, created.body.reason]).toEqual([403, UnionReasons.UNION_OUTSIDE_SUBTREE.reason])
    const streetRoots = await app.ok(unionsApi.list, { token: streetAdmin.token, query: {} })
    expect(streetRoots.items.map((u) => u.id)).toEqual([org.street])
    // no orgs.manage at all
    for (const token of [reviewer.token, member]) {
      expect((await app.call(unionsApi.list, { token, query: {} })).status).toBe(403)
      expect((await create(token, { parentId: org.street, ...fields('不该有的工会') })).status).toBe(403)
      expect((await dryRun(unionsCsv([{ name: '甲', parent: '青禾街道总工会', kind: '基层工会' }]), 'x.csv', token)).status).toBe(403)
    }
    // a grassroots admin's import cannot hang unions outside their union
    const res = await dryRun(unionsCsv([{ name: '外挂工会', parent: '青禾街道总工会', kind: '基层工会' }]), '越权.csv', adminA.token)
    expect(res.body.problems).toEqual([{ row: 2, column: '上级工会', message: '上级工会“青禾街道总工会”不在您管理的工会范围内' }])
  })

  it('import: the dry run lists every row’s problem and writes nothing; the fixed file commits at once; re-running changes nothing', async () => {
    const lines: UnionLine[] = [
      { name: '东湖街道总工会', parent: '云溪区总工会', kind: '街道总工会', creditCode: creditCode(11) }, // row 2
      { name: '东湖第一社区联合工会', parent: '东湖街道总工会', kind: '联合工会' }, // row 3: parent in the file
      { name: '东湖五金厂工会', parent: '东湖镇总工会', kind: '基层工会' }, // row 4: unknown parent
      { name: '东湖第一社区联合工会', parent: '东湖街道总工会', kind: '联合工会' }, // row 5: duplicate of row 3
      { name: '东湖电子厂工会', parent: '东湖街道总工会', kind: '基层工会', contactPhone: '8888' }, // row 6: bad phone
      { name: '东湖小店工会', parent: '东湖街道总工会', kind: '小组' }, // row 7: unknown kind
    ]
    const before = await rawRows(h, sql`select count(*)::int as n from orgs`)
    const res = await dryRun(await unionsXlsx(lines), '东湖工会名单.xlsx')
    expect(res.status).toBe(200)
    expect(res.body.counts).toEqual({ total: 6, new: 2, updated: 0, unchanged: 0, rejected: 4 })
    expect(res.body.problems).toEqual([
      { row: 4, column: '上级工会', message: '上级工会“东湖镇总工会”不存在，也不在本文件中' },
      { row: 5, column: '名称', message: '与第 3 行重复：同一上级工会下有两个“东湖第一社区联合工会”' },
      { row: 6, column: '联系电话', message: '联系电话“8888”格式不正确，应为手机号或带区号的座机号' },
      { row: 7, column: '类型', message: expect.stringContaining('类型“小组”无法识别') },
    ])
    expect(res.body.summary).toContain('整份文件都不会导入')
    const refused = await commit(await unionsXlsx(lines), '东湖工会名单.xlsx')
    expect(refused.body.committed).toBe(false)
    expect(await rawRows(h, sql`select count(*)::int as n from orgs`)).toEqual(before)

    // fixed: the parent spelled right, the duplicate removed, the phone and kind corrected
    const fixed: UnionLine[] = [lines[0], lines[1], { ...lines[2], parent: '东湖街道总工会' }, { ...lines[4], contactPhone: '13900002222' }, { ...lines[5], kind: '基层工会' }]
    const done = await commit(await unionsXlsx(fixed), '东湖工会名单（修正）.xlsx')
    expect(done.status).toBe(200)
    expect(done.body).toMatchObject({ committed: true, counts: { total: 5, new: 5, updated: 0, unchanged: 0, rejected: 0 } })
    const east = await orgId(db, '东湖街道总工会')
    const factory = await orgId(db, '东湖五金厂工会')
    expect(await pathOf(factory)).toBe(`/${org.district}/${east}/${factory}/`)
    const joinable = await app.ok(membershipApi.unions, { token: await app.login('member'), query: { q: '东湖', limit: 50 } })
    expect(joinable.items.map((u) => u.name).sort()).toEqual(['东湖五金厂工会', '东湖小店工会', '东湖电子厂工会', '东湖第一社区联合工会'].sort())

    const stamp = await rawRows(h, sql`select id, updated_at from orgs order by id`)
    const again = await commit(await unionsCsv(fixed), '东湖工会名单.csv')
    expect(again.body.counts).toEqual({ total: 5, new: 0, updated: 0, unchanged: 5, rejected: 0 })
    expect(await rawRows(h, sql`select id, updated_at from orgs order by id`)).toEqual(stamp)

    // by credit code: the street renamed in the file is the same union, renamed
    const renamed = await commit(await unionsCsv([{ ...fixed[0], name: '东湖街道（镇）总工会' }]), '更名.csv')
    expect(renamed.body.counts).toMatchObject({ new: 0, updated: 1 })
    expect(await orgId(db, '东湖街道（镇）总工会')).toBe(east)
    expect((await auditOf(db, 'unions.import')).map((a) => a.detail)).toEqual(
      expect.arrayContaining([expect.objectContaining({ fileName: '东湖工会名单（修正）.xlsx', counts: expect.objectContaining({ new: 5 }) })]),
    )
  })
})
