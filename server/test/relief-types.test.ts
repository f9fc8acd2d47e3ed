/**
 * 帮扶救助 aid types as union property, over HTTP on each database (security review, issue 11): only admins of the
 * OWNING union edit a type; a sub-union adds its own within the limits set above it; members see their union's types
 * and those above it; ID number / phone / medical fields are stored encrypted whatever the configuration says.
 */
import { eq } from 'drizzle-orm'
import { checkDigit } from '@contract/membership/idcard'
import { reliefApi } from '@contract/relief/api'
import { DEFAULT_AID_TYPES } from '@contract/relief/defaults'
import type { AidTypeInput } from '@contract/relief/schemas'
import { databases, useDatabase, type TestApp } from './harness'
import { reliefAidTypes, reliefApplications } from '../src/db/schema'
import { CHILD_ID, aidType, at, seededType, withoutSensitive } from './builders/relief'
import { gigJoins, orgIdOf, start, staffAt } from './relief-fixtures'

const DISTRICT = '云溪区总工会'
const STREET = '青禾街道总工会'
const LOGISTICS = '星河物流有限公司工会'
const PARK = '云溪科技园区工会'

/** PUT /api/relief/types/:key as `token`. */
const putType = (app: TestApp, token: string, key: string, body: AidTypeInput) => app.call(reliefApi.updateType, { token, params: { key }, body })

describe.each(databases())('relief aid types on %s', (target) => {
  const h = useDatabase(target)
  const clock = at('2026-08-10T10:00:00') // inside 金秋助学's window
  const now = () => clock

  async function storedType(key: string) {
    const [row] = await h.database.db.select().from(reliefAidTypes).where(eq(reliefAidTypes.key, key))
    return row
  }

  it('a grassroots or street admin cannot rewrite the district’s aid types (403), and the row stays as it was', async () => {
    const app = await h.app({}, { now })
    const grassroots = await staffAt(app, h.database.db, 'admin', LOGISTICS)
    const street = await staffAt(app, h.database.db, 'admin', STREET)
    const before = await storedType('school_aid')
    // the attack: switch the child's ID number to plaintext and raise the amounts
    const tampered = withoutSensitive(seededType('school_aid'))
    for (const attacker of [grassroots, street]) {
      const res = await putType(app, attacker.token, 'school_aid', tampered)
      expect(res.status).toBe(403)
      expect(res.body).toMatchObject({ reason: 'RELIEF_TYPE_FORBIDDEN', message: `「金秋助学」属于${DISTRICT}，只有该工会的管理员可以设置` })
    }
    const after = await storedType('school_aid')
    expect(after.config).toEqual(before.config)
    expect(after.updatedBy).toBeNull()
    // a type owned by the district cannot be created by a street either
    const create = await putType(app, street.token, 'district_extra', { ...aidType(), orgId: await orgIdOf(h.database.db, DISTRICT) })
    expect(create.status).toBe(403)
    expect(create.body.reason).toBe('RELIEF_TYPE_FORBIDDEN')
    expect(await storedType('district_extra')).toBeUndefined()
  })

  it('sensitive:false on an ID number or a diagnosis is ignored: the values are stored encrypted', async () => {
    const app = await h.app({}, { now })
    const admin = await app.login('admin')
    const member = await app.login('member')

    // validation: the district's own admin sends sensitive:false; the answer and the row keep it on
    const res = await putType(app, admin, 'school_aid', withoutSensitive(seededType('school_aid')))
    expect(res.status).toBe(200)
    const idField = (fields: { key: string; sensitive: boolean }[]) => fields.find((f) => f.key === 'child_id_number')!
    expect(idField(res.body.fields).sensitive).toBe(true)
    expect(res.body.fields.find((f) => f.key === 'school')!.sensitive).toBe(false) // a plain text field may be plain
    expect(idField((await storedType('school_aid')).config.fields).sensitive).toBe(true)
    const illness = await putType(app, admin, 'serious_illness', withoutSensitive(seededType('serious_illness')))
    expect(illness.body.fields.find((f) => f.key === 'diagnosis')).toMatchObject({ kind: 'medical', sensitive: true })

    // storage: even a row that says sensitive:false (written before this rule, or by hand) stores the number encrypted
    const row = await storedType('school_aid')
    await h.database.db
      .update(reliefAidTypes)
      .set({ config: { ...row.config, fields: row.config.fields.map((f) => ({ ...f, sensitive: false })) } })
      .where(eq(reliefAidTypes.key, 'school_aid'))
    const draft = await start(app, member, 'school_aid')
    const saved = await app.call(reliefApi.saveDraft, {
      token: member,
      params: { id: draft.id },
      body: { step: 'child', fields: { child_name: '李小雨', child_id_number: CHILD_ID } },
    })
    expect(saved.status).toBe(200)
    const [stored] = await h.database.db.select().from(reliefApplications).where(eq(reliefApplications.id, draft.id))
    expect(JSON.stringify(stored.fields)).not.toContain(CHILD_ID)
    expect(stored.fields).toEqual({ child_name: '李小雨' })
    expect(stored.sensitiveEnc).toMatch(/^v1\./)
    expect(JSON.parse(app.app.deps.cipher.decrypt(stored.sensitiveEnc!))).toEqual({ child_id_number: CHILD_ID })

    // put the seeded types back for the other tests
    for (const key of ['school_aid', 'serious_illness']) {
      expect((await putType(app, admin, key, seededType(key))).status).toBe(200)
    }
  })

  it('a street adds its own type within the district’s limits; only its subtree sees it; its owner is fixed', async () => {
    const app = await h.app({}, { now })
    const db = h.database.db
    const admin = await app.login('admin')
    const street = await staffAt(app, db, 'admin', STREET)
    const grassroots = await staffAt(app, db, 'admin', LOGISTICS)
    const streetId = await orgIdOf(db, STREET)
    const districtId = await orgIdOf(db, DISTRICT)
    const idField = { key: 'id_no', label: '身份证号', kind: 'id_number' as const, step: 'need', required: true, sensitive: false }

    // a new type must name its owner
    const ownerless = await putType(app, street.token, 'street_warmth', aidType())
    expect(ownerless.status).toBe(400)
    expect(ownerless.body.reason).toBe('RELIEF_TYPE_OWNER_REQUIRED')
    expect(ownerless.body.fields!.orgId).toBe('请选择提供这一救助类型的工会')
    // nothing set by the district yet: the defaults (¥2000, no ID numbers / phones / medical information)
    const limits = await app.ok(reliefApi.typeLimits, { token: street.token, params: { orgId: streetId } })
    expect(limits).toMatchObject({ own: null, effective: { maxAmount: 2000 } })
    expect(limits.effective!.fieldKinds).not.toContain('id_number')
    const beyond = await putType(app, street.token, 'street_warmth', { ...aidType({ amount: { kind: 'reviewer_set', min: 200, max: 5000 } }, [idField]), orgId: streetId })
    expect(beyond.status).toBe(400)
    expect(beyond.body.reason).toBe('RELIEF_TYPE_LIMITS')
    expect(beyond.body.fields).toEqual({
      'amount.max': '救助金额最高 ¥5000，超过上级工会设定的上限 ¥2000',
      'fields.1.kind': '上级工会未允许基层自设类型收集「身份证号」',
    })
    // only the district's admins set the district's limits; a street cannot loosen what applies to itself
    const setLimits = (token: string, orgId: number, body: { maxAmount: number; fieldKinds: AidTypeInput['fields'][number]['kind'][] }) =>
      app.call(reliefApi.setTypeLimits, { token, params: { orgId }, body })
    expect((await setLimits(street.token, districtId, { maxAmount: 100000, fieldKinds: ['text'] })).status).toBe(403)
    const loosened = await setLimits(street.token, streetId, { maxAmount: 100000, fieldKinds: ['text', 'textarea', 'id_number'] })
    expect(loosened.body.effective).toMatchObject({ maxAmount: 2000 }) // its own row binds the unions below it only
    const set = await setLimits(admin, districtId, { maxAmount: 3000, fieldKinds: ['text', 'textarea', 'integer', 'money', 'date', 'choice', 'id_number'] })
    expect(set.status).toBe(200)
    expect(set.body).toMatchObject({ own: { maxAmount: 3000 }, effective: null })

    // within the district's limits now; the ID number is forced sensitive; the 复核 is the street's (level 2)
    const created = await putType(app, street.token, 'street_warmth', { ...aidType({ amount: { kind: 'reviewer_set', min: 200, max: 3000 } }, [idField]), orgId: streetId })
    expect(created.status).toBe(200)
    expect(created.body).toMatchObject({ key: 'street_warmth', org: { id: streetId, name: STREET }, reviewLevel: 2 })
    expect(created.body.fields[1]).toMatchObject({ key: 'id_no', sensitive: true })
    // it cannot push its 复核 below itself, change its owner, or be edited by the grassroots union under it
    const deeper = await putType(app, street.token, 'street_warmth', { ...aidType(), reviewLevel: 3 })
    expect(deeper.status).toBe(400)
    expect(deeper.body.reason).toBe('RELIEF_TYPE_REVIEW_LEVEL')
    expect(deeper.body.fields!.reviewLevel).toBe(`复核须由${STREET}或其上级工会办理（层级不大于 2）`)
    const moved = await putType(app, street.token, 'street_warmth', { ...aidType(), orgId: districtId })
    expect(moved.status).toBe(409)
    expect(moved.body.reason).toBe('RELIEF_TYPE_OWNER_FIXED')
    expect((await putType(app, grassroots.token, 'street_warmth', aidType())).status).toBe(403)
    // nor may it create a type for a sibling street
    const sibling = await putType(app, street.token, 'park_warmth', { ...aidType(), orgId: await orgIdOf(db, PARK) })
    expect(sibling.status).toBe(403)

    // members: 李晓梅 (星河物流, under 青禾街道) sees it next to the district's six; 王小骑 (科技园区) does not
    const member = await app.login('member')
    const mine = (await app.ok(reliefApi.types, { token: member })).items
    expect(mine.map((t) => t.key)).toEqual([...Object.keys(DEFAULT_AID_TYPES), 'street_warmth'])
    expect(mine[0].org).toEqual({ id: districtId, name: DISTRICT })
    await gigJoins(app, db)
    const gig = await app.login('gig')
    const theirs = (await app.ok(reliefApi.types, { token: gig })).items
    expect(theirs.map((t) => t.key)).not.toContain('street_warmth')
    const elsewhere = await app.call(reliefApi.start, { token: gig, body: { typeKey: 'street_warmth' } })
    expect(elsewhere.status).toBe(404)
    expect(elsewhere.body).toMatchObject({ reason: 'RELIEF_TYPE_NOT_FOUND', message: '救助类型不存在' })
    // someone who is not a member sees the root union's types only
    const venue = await app.login('venue')
    expect((await app.ok(reliefApi.types, { token: venue })).items).toHaveLength(Object.keys(DEFAULT_AID_TYPES).length)

    // the application form takes the ID number and keeps it encrypted
    const draft = await start(app, member, 'street_warmth')
    const idNo = '11010519850101001' + checkDigit('11010519850101001')
    await app.ok(reliefApi.saveDraft, { token: member, params: { id: draft.id }, body: { step: 'need', fields: { situation: '家中突遭火灾', id_no: idNo } } })
    const [stored] = await db.select().from(reliefApplications).where(eq(reliefApplications.id, draft.id))
    expect(JSON.stringify(stored.fields)).not.toContain(idNo)
    expect(JSON.stringify(stored.fields)).not.toContain('火灾')
  })
  it('救助类型管理: an admin lists every type of the unions they manage — paused ones too, with the owner — a page at a time', async () => {
    const app = await h.app({}, { now })
    const db = h.database.db
    const district = await app.login('admin')
    const street = await staffAt(app, db, 'admin', STREET)
    const grassroots = await staffAt(app, db, 'admin', LOGISTICS)
    const park = await staffAt(app, db, 'admin', PARK)
    const streetId = await orgIdOf(db, STREET)
    const logisticsId = await orgIdOf(db, LOGISTICS)
    // a paused type of the street, and one of the company union below it
    expect((await putType(app, street.token, 'street_winter', { ...aidType({ name: '青禾街道冬季慰问', active: false }), orgId: streetId })).status).toBe(200)
    expect((await putType(app, grassroots.token, 'logistics_mutual', { ...aidType({ name: '星河物流互助金' }), orgId: logisticsId })).status).toBe(200)

    /** Every page, `limit` at a time. */
    const everything = async (token: string, limit: number) => {
      const items: { key: string; org: { id: number; name: string }; active: boolean }[] = []
      let cursor: string | undefined
      for (let pages = 0; pages < 50; pages++) {
        const page = await app.ok(reliefApi.manageTypes, { token, query: { limit, cursor } })
        items.push(...page.items)
        if (!page.nextCursor) return items
        cursor = page.nextCursor
      }
      throw new Error('paging did not end')
    }

    // the district's admin: the six seeded types and every type below the root, each once, in the same order by page
    const all = await everything(district, 50)
    const keys = all.map((t) => t.key)
    expect(keys).toEqual(expect.arrayContaining([...Object.keys(DEFAULT_AID_TYPES), 'street_winter', 'logistics_mutual']))
    expect(new Set(keys).size).toBe(keys.length)
    expect((await everything(district, 2)).map((t) => t.key)).toEqual(keys)
    // the street's admin: its own types and those of the unions below it, not the district's; the paused one included
    const streets = await everything(street.token, 2)
    expect(streets.map((t) => t.key)).toEqual(expect.arrayContaining(['street_winter', 'logistics_mutual']))
    expect(streets.every((t) => [streetId, logisticsId].includes(t.org.id))).toBe(true)
    expect(streets.find((t) => t.key === 'street_winter')).toMatchObject({ active: false, org: { id: streetId, name: STREET }, windowLabel: '全年受理' })
    // the company union's admin: its own only; the park's admin: none of the street's subtree
    expect((await everything(grassroots.token, 20)).every((t) => t.org.id === logisticsId)).toBe(true)
    expect((await everything(park.token, 20)).map((t) => t.key)).not.toEqual(expect.arrayContaining(['street_winter']))
    // a member has no such list; a broken cursor is said beside `cursor`
    expect((await app.call(reliefApi.manageTypes, { token: await app.login('member') })).status).toBe(403)
    const broken = await app.call(reliefApi.manageTypes, { token: district, query: { cursor: 'not-a-cursor' } })
    expect(broken.status).toBe(400)
    expect(Object.keys(broken.body.fields ?? {})).toEqual(['cursor'])

    // one type to edit: its owner's admins and those above; the district's own types stay closed to the street
    expect(await app.ok(reliefApi.manageType, { token: street.token, params: { key: 'street_winter' } })).toMatchObject({ key: 'street_winter', active: false, org: { id: streetId } })
    expect((await app.call(reliefApi.manageType, { token: district, params: { key: 'street_winter' } })).status).toBe(200)
    const closed = await app.call(reliefApi.manageType, { token: street.token, params: { key: 'school_aid' } })
    expect(closed.status).toBe(403)
    expect(closed.body).toMatchObject({ reason: 'RELIEF_TYPE_FORBIDDEN', message: `「金秋助学」属于${DISTRICT}，只有该工会的管理员可以设置` })
    expect((await app.call(reliefApi.manageType, { token: grassroots.token, params: { key: 'street_winter' } })).body.reason).toBe('RELIEF_TYPE_FORBIDDEN')
    const unknown = await app.call(reliefApi.manageType, { token: district, params: { key: 'no_such_type' } })
    expect(unknown.status).toBe(404)
    expect(unknown.body.reason).toBe('RELIEF_TYPE_NOT_FOUND')
  })
})
