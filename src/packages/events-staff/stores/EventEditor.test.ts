import type { Event } from '@contract/events/schemas'
import { ApiClient } from '../../../api/client'
import { MemoryStorage } from '../../../stores/storage'
import { FakeTransport, json } from '../../../test/fakes'
import { EDIT_DRAFT_PREFIX, EventEditor } from './EventEditor'

const counts = { taken: 0, pending: 0, confirmed: 0, checkedIn: 0, waitlisted: 0, noShow: 0 }
const stored = (over: Partial<Event> = {}): Event => ({
  id: 9, kind: 'skills_competition', title: '焊工技能竞赛', description: '', orgId: 1, orgName: '云溪区总工会',
  startsAt: '2099-12-20T01:00:00Z', endsAt: '2099-12-20T09:00:00Z', place: { name: '职工文化中心', address: '青禾路 8 号', lat: 30.27, lng: 120.15 },
  capacity: 40, registrationOpensAt: '2099-11-01T00:00:00Z', registrationClosesAt: '2099-12-10T10:00:00Z',
  eligibleEmploymentTypes: null, eligibleIndustries: null, entryMode: 'individual', teamMinSize: null, teamMaxSize: null,
  approvalMode: 'manual', cancelCutoffHours: 48, cancelUntil: '2099-12-18T01:00:00Z', checkinOpensMinutes: 45,
  checkinOpensAt: '2099-12-20T00:15:00Z', scored: true, scoreUnit: '分', higherScoreWins: true,
  questions: [], counts, placesLeft: 40, phase: 'registering', ...over,
})

function setup(editId: number, storage = new MemoryStorage()) {
  const transport = new FakeTransport()
  const editor = new EventEditor(
    { api: new ApiClient({ transport }), storage, userId: () => 5, orgs: () => [{ id: 1, name: '云溪区总工会' }], now: () => Date.parse('2099-10-01T02:00:00Z') },
    editId,
  )
  return { transport, storage, editor }
}
const deviceCopy = (storage: MemoryStorage, key: string) => JSON.parse(storage.getItem(key) as string) as { draft: { title: string } }

describe('EventEditor', () => {
  it('new: every change is kept on the device under the organiser’s own key; a refused form sends nothing; publishing forgets the draft', async () => {
    const { editor, storage, transport } = setup(0)
    editor.startNew()
    expect(editor.form?.orgId).toBe(1)
    expect(storage.getItem(`${EDIT_DRAFT_PREFIX}5.new`)).toBeNull()
    expect(await editor.save()).toBeNull()
    expect(editor.errors.kind).toBe('请选择活动类型')
    expect(String(editor.error)).toContain('请检查填写的内容')
    expect(transport.requests).toHaveLength(0)

    editor.set('kind', 'volunteer')
    editor.set('title', '社区志愿服务')
    editor.set('placeName', '青禾街道社区服务中心')
    editor.set('placeAddress', '示例市云溪区青禾路 20 号')
    editor.setCoords(30.27, 120.15)
    expect(editor.errors.kind).toBe('')
    expect(deviceCopy(storage, `${EDIT_DRAFT_PREFIX}5.new`).draft.title).toBe('社区志愿服务')
    // A reload: the draft comes back.
    const again = setup(0, storage).editor
    again.startNew()
    expect(again.form?.title).toBe('社区志愿服务')

    transport.reply(() => json(200, stored({ id: 12, kind: 'volunteer', title: '社区志愿服务' })))
    expect(await editor.save()).toMatchObject({ id: 12 })
    expect(transport.requests[0]).toMatchObject({ method: 'POST', url: '/api/events/manage/events' })
    expect(storage.getItem(`${EDIT_DRAFT_PREFIX}5.new`)).toBeNull()
  })

  it('edit: a draft typed before a reload wins; a later load refreshes only the counts; 放弃修改 returns to the stored event', () => {
    const { editor, storage } = setup(9)
    editor.open(stored())
    expect(editor.restored).toBe(false)
    expect(editor.frozen).toBe(false)
    editor.set('title', '焊工技能竞赛（复赛）')

    const again = setup(9, storage).editor
    again.open(stored())
    expect(again.restored).toBe(true)
    expect(again.form?.title).toBe('焊工技能竞赛（复赛）')
    // Back on the page: someone registered meanwhile. What is typed stays; what registrations depend on freezes.
    again.open(stored({ counts: { ...counts, taken: 1, confirmed: 1 } }))
    expect(again.form?.title).toBe('焊工技能竞赛（复赛）')
    expect(again.frozen).toBe(true)
    again.discard()
    expect(again.form?.title).toBe('焊工技能竞赛')
    expect(again.restored).toBe(false)
    expect(storage.getItem(`${EDIT_DRAFT_PREFIX}5.9`)).toBeNull()
  })

  it('something else kept under the key (not this form) is dropped, never opened as the form', () => {
    const storage = new MemoryStorage()
    storage.setItem(`${EDIT_DRAFT_PREFIX}5.9`, JSON.stringify({ draft: { answers: { q1: '中级' }, files: {}, teamName: '' }, savedAt: '2099-10-01T01:00:00Z' }))
    const { editor } = setup(9, storage)
    editor.open(stored())
    expect(editor.restored).toBe(false)
    expect(editor.form?.title).toBe('焊工技能竞赛')
    expect(storage.getItem(`${EDIT_DRAFT_PREFIX}5.9`)).toBeNull()
  })
})
