import type { Event } from '@contract/events/schemas'
import { ApiClient } from '../../../api/client'
import { MemoryStorage } from '../../../stores/storage'
import { FakeTransport, json } from '../../../test/fakes'
import { FORM_DRAFT_PREFIX, formFieldOf, parseNumber, RegistrationForm } from './RegistrationForm'

const counts = { taken: 0, pending: 0, confirmed: 0, checkedIn: 0, waitlisted: 0, noShow: 0 }
const place = { name: '云溪职教中心', address: '云溪区学府路 8 号', lat: 30.1, lng: 120.1 }

function event(over: Partial<Event> = {}): Event {
  return {
    id: 5, kind: 'skills_competition', title: '叉车技能竞赛', description: '', orgId: 1, orgName: '云溪区总工会',
    startsAt: '2026-11-28T01:00:00Z', endsAt: '2026-11-28T09:00:00Z', place, capacity: 30,
    registrationOpensAt: '2026-11-01T00:00:00Z', registrationClosesAt: '2026-11-27T00:00:00Z',
    eligibleEmploymentTypes: null, eligibleIndustries: null, entryMode: 'individual', teamMinSize: null, teamMaxSize: null,
    approvalMode: 'manual', cancelCutoffHours: 24, cancelUntil: '2026-11-27T01:00:00Z', checkinOpensMinutes: 30,
    checkinOpensAt: '2026-11-28T00:30:00Z', scored: true, scoreUnit: '分', higherScoreWins: true,
    questions: [
      { id: 'q1', label: '从业年限', type: 'number', required: true, options: [], hint: '' },
      { id: 'q2', label: '参赛组别', type: 'single_choice', required: true, options: ['初级', '中级'], hint: '' },
      { id: 'q3', label: '特长', type: 'multi_choice', required: false, options: ['叉车', '吊装', '仓储'], hint: '' },
      { id: 'q4', label: '技能证书', type: 'file', required: true, options: [], hint: '请上传证书照片' },
      { id: 'q5', label: '备注', type: 'short_text', required: false, options: [], hint: '' },
    ],
    counts, placesLeft: 30, phase: 'registering', ...over,
  }
}

function setup(userId: number | null = 7) {
  const transport = new FakeTransport()
  const storage = new MemoryStorage()
  let user = userId
  const form = new RegistrationForm({ api: new ApiClient({ transport }), storage, userId: () => user, now: () => Date.parse('2026-11-23T08:00:00Z') })
  return { transport, storage, form, switchUser: (u: number) => (user = u) }
}

const uploaded = { id: 'file_abcdefgh', mime: 'image/png', size: 1234, url: '/api/files/file_abcdefgh?exp=1&sig=x' }

describe('RegistrationForm', () => {
  it('marks every unanswered required question and sends nothing', async () => {
    const { form, transport } = setup()
    form.open(event())
    expect(await form.submit()).toBeNull()
    expect(form.fieldErrors).toEqual({ q1: '请填写此项', q2: '请选择', q4: '请上传文件' })
    expect(transport.requests).toHaveLength(0)
    form.setText('q1', 'abc')
    expect(form.fieldErrors.q1).toBeUndefined()
    expect(form.validate().q1).toBe('请填写数字')
  })

  it('keeps everything typed on the device, per user and per event, and restores it', async () => {
    const { form, storage, transport, switchUser } = setup()
    form.open(event())
    form.setText('q1', '８')
    form.choose('q2', '中级')
    form.toggle('q3', '叉车')
    form.toggle('q3', '仓储')
    form.toggle('q3', '叉车')
    transport.reply(() => json(200, uploaded))
    expect(await form.addFile('q4', 'blob:x', '证书.png')).toBe(true)
    expect(JSON.parse(storage.getItem(`${FORM_DRAFT_PREFIX}7.5`) as string).draft).toMatchObject({
      answers: { q1: '８', q2: '中级', q3: ['仓储'] },
      files: { q4: [{ id: 'file_abcdefgh', name: '证书.png' }] },
    })
    // A reload: a fresh store opens the same draft.
    const again = new RegistrationForm({ api: new ApiClient({ transport }), storage, userId: () => 7 })
    again.open(event())
    expect(again.draft.answers.q2).toBe('中级')
    expect(again.body).toEqual({ answers: { q1: 8, q2: '中级', q3: ['仓储'], q4: ['file_abcdefgh'] } })
    // Another event, or another person on this phone: a clean form.
    again.open(event({ id: 6 }))
    expect(again.hasDraft).toBe(false)
    switchUser(8)
    form.open(event())
    expect(form.hasDraft).toBe(false)
  })

  it('opens a draft kept before the draft engine (the form itself at the key) once, then keeps it the new way', () => {
    const { form, storage } = setup()
    storage.setItem(`${FORM_DRAFT_PREFIX}7.5`, JSON.stringify({ answers: { q1: '8' }, files: {}, teamName: '', savedAt: '2026-11-22T08:00:00Z' }))
    form.open(event())
    expect(form.draft.answers).toEqual({ q1: '8' })
    form.choose('q2', '初级')
    expect(JSON.parse(storage.getItem(`${FORM_DRAFT_PREFIX}7.5`) as string).draft.answers).toEqual({ q1: '8', q2: '初级' })
  })

  it('coming back to the page brings the event up to date and leaves what is typed and uploading alone', async () => {
    const { form, transport } = setup()
    form.open(event())
    form.setText('q1', '8')
    transport.reply(() => json(200, uploaded))
    const upload = form.addFile('q4', 'blob:x', '证书.png')
    form.refreshEvent(event({ placesLeft: 0 }))
    expect(form.uploading.q4).toBe(true)
    expect(form.event?.placesLeft).toBe(0)
    expect(await upload).toBe(true)
    expect(form.body.answers).toMatchObject({ q1: 8, q4: ['file_abcdefgh'] })
    // Another event: opened afresh.
    form.refreshEvent(event({ id: 6 }))
    expect(form.hasDraft).toBe(false)
  })

  it('shows an upload refusal beside the question', async () => {
    const { form, transport } = setup()
    form.open(event())
    transport.reply(() => json(415, { code: 'UNSUPPORTED_MEDIA_TYPE', message: '只支持 JPG、PNG、WebP 图片或 PDF 文件' }))
    expect(await form.addFile('q4', 'blob:x', 'a.txt')).toBe(false)
    expect(form.fieldErrors.q4).toBe('只支持 JPG、PNG、WebP 图片或 PDF 文件')
    expect(form.draft.files.q4 ?? []).toHaveLength(0)
  })

  it('team entry asks for the team name only (team-mates are invited afterwards); server errors land beside it', async () => {
    const { form, transport, storage } = setup()
    form.open(event({ entryMode: 'team', teamMinSize: 3, teamMaxSize: 5, questions: [] }))
    expect(form.validate()).toEqual({ teamName: '请填写队名' })
    form.setTeamName('飞驰队')
    expect(form.validate()).toEqual({})
    transport.reply(() => json(400, { code: 'VALIDATION', message: '请检查填写的内容', fields: { 'team.name': '队名不超过 20 字' } }))
    expect(await form.submit()).toBeNull()
    // Only the name goes out: no member numbers of anybody else.
    expect(transport.requests[0]).toMatchObject({ method: 'POST', url: '/api/events/5/registrations', data: { answers: {}, team: { name: '飞驰队' } } })
    expect(JSON.stringify((transport.requests[0] as { data?: unknown }).data)).not.toContain('memberNos')
    expect(form.fieldErrors.teamName).toBe('队名不超过 20 字')
    expect(storage.getItem(`${FORM_DRAFT_PREFIX}7.5`)).not.toBeNull()
    transport.reply(() => json(200, { id: 1, status: 'pending' }))
    expect(await form.submit()).toMatchObject({ id: 1, status: 'pending' })
    expect(storage.getItem(`${FORM_DRAFT_PREFIX}7.5`)).toBeNull()
  })

  it('reads numbers and server paths the way people and the server write them', () => {
    expect(parseNumber(' 12.5 ')).toBe(12.5)
    expect(parseNumber('１２')).toBe(12)
    expect(parseNumber('12年')).toBeNull()
    expect(formFieldOf('answers.q2')).toBe('q2')
    expect(formFieldOf('team.name')).toBe('teamName')
    expect(formFieldOf('team')).toBe('teamName')
  })
})
