import { Chips, optionsOf } from '../../../components/Chips'
import { pages } from '@contract/pages'
import { useEffect, useState } from 'react'
import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { eventsApi } from '@contract/events/api'
import { EventInput, type Event } from '@contract/events/schemas'
import {
  APPROVAL_MODES,
  APPROVAL_MODE_KEYS,
  ENTRY_MODES,
  ENTRY_MODE_KEYS,
  EVENT_KINDS,
  EVENT_KIND_KEYS,
  QUESTION_TYPES,
  QUESTION_TYPE_KEYS,
  defaultApprovalMode,
  type ApprovalMode,
  type EntryMode,
  type EventKind,
  type QuestionType,
} from '@contract/events/labels'
import { EMPLOYMENT_TYPES, EMPLOYMENT_TYPE_KEYS, type EmploymentType } from '@contract/membership/labels'
import { useStores } from '../../../stores/context'
import { location } from '../../../platform/location'
import { replaceWith, toast } from '../../../platform/ui'
import { Loading } from '../../../components/Loading'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { FieldError } from '../../../components/FieldError'
import { isApiError } from '../../../api/errors'
import { dayjs } from '../../../utils/date'
import '../../../styles/staff.css'

interface QuestionForm {
  label: string
  type: QuestionType
  required: boolean
  /** Comma-separated choices (choice types only). */
  options: string
  /** Kept from an edited event (not edited here). */
  hint: string
}
interface FormState {
  kind: EventKind | ''
  /** '' = the kind's default (defaultApprovalMode). */
  approvalMode: ApprovalMode | ''
  entryMode: EntryMode
  title: string
  description: string
  placeName: string
  placeAddress: string
  lat: string
  lng: string
  capacity: string
  teamMinSize: string
  teamMaxSize: string
  registrationOpensAt: string
  registrationClosesAt: string
  startsAt: string
  endsAt: string
  cancelCutoffHours: string
  /** Empty = every member of the union's subtree. */
  eligibleEmploymentTypes: EmploymentType[]
  questions: QuestionForm[]
  orgId: number | null
  /** Not edited on this page; kept so an edit sends them back unchanged. */
  keep: Pick<EventInput, 'eligibleIndustries' | 'checkinOpensMinutes' | 'scoreUnit' | 'higherScoreWins'>
}

type TextKey = 'title' | 'placeName' | 'placeAddress' | 'capacity' | 'teamMinSize' | 'teamMaxSize' | 'registrationOpensAt' | 'registrationClosesAt' | 'startsAt' | 'endsAt' | 'cancelCutoffHours'

const DRAFT_KEY = 'union.eventDraft.v1.'
const TIME_FORMAT = 'YYYY-MM-DD HH:mm'
const TIME_HINT = '格式：2026-12-05 09:00'
const CHOICE_TYPES: readonly QuestionType[] = ['single_choice', 'multi_choice']
const emptyQuestion = (): QuestionForm => ({ label: '', type: 'short_text', required: false, options: '', hint: '' })

function initialForm(orgId: number | null): FormState {
  const opens = dayjs().add(1, 'hour').minute(0)
  const starts = dayjs().add(14, 'day').hour(9).minute(0)
  return {
    kind: '',
    approvalMode: '',
    entryMode: 'individual',
    title: '',
    description: '',
    placeName: '',
    placeAddress: '',
    lat: '',
    lng: '',
    capacity: '50',
    teamMinSize: '',
    teamMaxSize: '',
    registrationOpensAt: opens.format(TIME_FORMAT),
    registrationClosesAt: starts.subtract(3, 'day').hour(18).format(TIME_FORMAT),
    startsAt: starts.format(TIME_FORMAT),
    endsAt: starts.hour(17).format(TIME_FORMAT),
    cancelCutoffHours: '24',
    eligibleEmploymentTypes: [],
    questions: [],
    orgId,
    keep: { eligibleIndustries: null, checkinOpensMinutes: 30, scoreUnit: '分', higherScoreWins: true },
  }
}

function fromEvent(e: Event): FormState {
  const t = (iso: string) => dayjs(iso).format(TIME_FORMAT)
  return {
    kind: e.kind,
    approvalMode: e.approvalMode,
    entryMode: e.entryMode,
    title: e.title,
    description: e.description,
    placeName: e.place.name,
    placeAddress: e.place.address,
    lat: String(e.place.lat),
    lng: String(e.place.lng),
    capacity: String(e.capacity),
    teamMinSize: e.teamMinSize === null ? '' : String(e.teamMinSize),
    teamMaxSize: e.teamMaxSize === null ? '' : String(e.teamMaxSize),
    registrationOpensAt: t(e.registrationOpensAt),
    registrationClosesAt: t(e.registrationClosesAt),
    startsAt: t(e.startsAt),
    endsAt: t(e.endsAt),
    cancelCutoffHours: String(e.cancelCutoffHours),
    eligibleEmploymentTypes: e.eligibleEmploymentTypes ?? [],
    questions: e.questions.map((q) => ({ label: q.label, type: q.type, required: q.required, options: q.options.join('，'), hint: q.hint })),
    orgId: e.orgId,
    keep: { eligibleIndustries: e.eligibleIndustries, checkinOpensMinutes: e.checkinOpensMinutes, scoreUnit: e.scoreUnit, higherScoreWins: e.higherScoreWins },
  }
}

/** "2026-12-05 09:00" (phone's local time) → ISO with offset, or '' so the schema reports it. */
function toInstant(v: string): string {
  const d = dayjs(v.trim())
  return /^\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}$/.test(v.trim()) && d.isValid() ? d.format() : ''
}
const num = (v: string) => (v.trim() ? Number(v) : NaN)
const splitOptions = (v: string) => v.split(/[,，、]/).map((s) => s.trim()).filter(Boolean)

/** The request body from the form (checked with EventInput before sending). */
function toInput(f: FormState): Record<string, unknown> {
  const team = f.entryMode === 'team'
  return {
    kind: f.kind || undefined,
    title: f.title,
    description: f.description,
    orgId: f.orgId ?? undefined,
    startsAt: toInstant(f.startsAt),
    endsAt: toInstant(f.endsAt),
    place: { name: f.placeName, address: f.placeAddress, lat: num(f.lat), lng: num(f.lng) },
    capacity: num(f.capacity),
    registrationOpensAt: toInstant(f.registrationOpensAt),
    registrationClosesAt: toInstant(f.registrationClosesAt),
    eligibleEmploymentTypes: f.eligibleEmploymentTypes.length ? f.eligibleEmploymentTypes : null,
    entryMode: f.entryMode,
    teamMinSize: team ? num(f.teamMinSize) : null,
    teamMaxSize: team ? num(f.teamMaxSize) : null,
    approvalMode: f.approvalMode || undefined,
    cancelCutoffHours: num(f.cancelCutoffHours),
    ...f.keep,
    questions: f.questions.map((q) => ({
      label: q.label,
      type: q.type,
      required: q.required,
      ...(CHOICE_TYPES.includes(q.type) ? { options: splitOptions(q.options) } : {}),
      hint: q.hint,
    })),
  }
}

const TIME_KEYS = ['startsAt', 'endsAt', 'registrationOpensAt', 'registrationClosesAt']
const INT_KEYS = ['capacity', 'teamMinSize', 'teamMaxSize', 'cancelCutoffHours']
const EMPTY_INT: Record<string, string> = { capacity: '请填写名额', teamMinSize: '请填写团队人数范围', teamMaxSize: '请填写团队人数范围', cancelCutoffHours: '请填写小时数（0 表示开始前都可取消）' }
const chinese = (m: string) => /[\u4e00-\u9fa5]/.test(m)


/** 新建活动 / 编辑活动 (?id=): one form, checked with the contract's schema here and the server's per-field messages after. */
export default function EventNewPage() {
  const root = useStores()
  const editId = Number(useRouter().params.id) || 0
  const orgs = root.session.roles.filter((g) => g.role === 'admin').map((g) => ({ id: g.orgId, name: g.orgName }))
  const draftKey = `${DRAFT_KEY}${root.session.me?.id ?? 'anon'}.${editId || 'new'}`
  const readDraft = (): FormState | null => {
    const saved = root.storage.getItem(draftKey)
    if (!saved) return null
    try {
      return JSON.parse(saved) as FormState
    } catch {
      return null
    }
  }
  const [f, setF] = useState<FormState | null>(() => (editId ? null : readDraft() ?? initialForm(orgs[0]?.id ?? null)))
  const [event, setEvent] = useState<Event | null>(null)
  const [restored, setRestored] = useState(false)
  const [loadError, setLoadError] = useState<unknown>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)

  const load = async () => {
    setLoadError(null)
    try {
      const e = await root.api.send(eventsApi.manageEvent, { params: { id: editId } })
      setEvent(e)
      // A draft of this event typed before a reload wins over the stored event.
      const draft = readDraft()
      if (draft) setRestored(true)
      setF((p) => p ?? draft ?? fromEvent(e))
    } catch (err) {
      setLoadError(err)
    }
  }
  useEffect(() => {
    if (!editId) return
    void Promise.resolve()
      .then(() => Taro.setNavigationBarTitle({ title: '编辑活动' }))
      .catch(() => undefined)
    void load()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editId])

  // Nothing typed is lost: the draft is on the device at every change.
  useEffect(() => {
    if (f) root.storage.setItem(draftKey, JSON.stringify(f))
  }, [f, draftKey, root])

  if (editId && !f) {
    return loadError ? (
      <View className='page'>
        <ErrorMessage error={loadError} onRetry={() => void load()} />
      </View>
    ) : (
      <Loading />
    )
  }
  if (!f) return <Loading />

  // Once anyone has registered the server freezes what registrations depend on (it also counts cancelled ones,
  // so its 400 beside the field remains the last word).
  const c = event?.counts
  const frozen = !!c && c.taken + c.waitlisted + c.checkedIn + c.noShow > 0

  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => {
    setF((p) => (p ? { ...p, [k]: v } : p))
    setErrors((e) => ({ ...e, [k]: '' }))
  }
  const setQ = (i: number, patch: Partial<QuestionForm>) => {
    setF((p) => (p ? { ...p, questions: p.questions.map((q, j) => (j === i ? { ...q, ...patch } : q)) } : p))
    setErrors((e) => {
      const n: Record<string, string> = { ...e, questions: '' }
      for (const k of Object.keys(patch)) n[`questions.${i}.${k}`] = ''
      return n
    })
  }
  // From the previous state: two quick taps must both count.
  const toggleType = (t: EmploymentType) => {
    setF((p) => {
      if (!p) return p
      const ts = p.eligibleEmploymentTypes
      return { ...p, eligibleEmploymentTypes: ts.includes(t) ? ts.filter((x) => x !== t) : [...ts, t] }
    })
    setErrors((e) => ({ ...e, eligibleEmploymentTypes: '' }))
  }
  const locate = async () => {
    const r = await location.locate()
    if (!r.ok) return toast(r.message)
    setF((p) => (p ? { ...p, lat: r.latitude.toFixed(6), lng: r.longitude.toFixed(6) } : p))
    setErrors((e) => ({ ...e, 'place.lat': '', 'place.lng': '' }))
  }

  const save = async () => {
    const parsed = EventInput.safeParse(toInput({ ...f, orgId: f.orgId ?? orgs[0]?.id ?? null }))
    if (!parsed.success) {
      const e: Record<string, string> = {}
      for (const i of parsed.error.issues) {
        const k = i.path.join('.')
        if (e[k]) continue
        if (k === 'place.lat' || k === 'place.lng') e[k] = '请填写经纬度，或点击“使用当前位置”'
        else if (k === 'orgId') e[k] = '请选择主办工会'
        else if (TIME_KEYS.includes(k)) e[k] = i.message.includes('须') || i.message.includes('不能') ? i.message : `请按“2026-12-05 09:00”的格式填写时间`
        else if (INT_KEYS.includes(k)) e[k] = !f[k as TextKey].trim() ? EMPTY_INT[k] : chinese(i.message) ? i.message : k === 'cancelCutoffHours' ? '请填写 0 以上的整数' : '请填写整数'
        else e[k] = chinese(i.message) ? i.message : '请检查此项'
      }
      setErrors(e)
      setError(`请检查填写的内容：${Object.values(e)[0]}`)
      return
    }
    setBusy(true)
    setError(null)
    try {
      const saved = editId
        ? await root.api.send(eventsApi.updateEvent, { params: { id: editId }, body: parsed.data })
        : await root.api.send(eventsApi.createEvent, { body: parsed.data })
      root.storage.removeItem(draftKey)
      toast(editId ? '已保存' : '已发布', 'success')
      replaceWith(pages.eventsStaff.detail.url({ id: saved.id }))
    } catch (err) {
      if (isApiError(err) && Object.keys(err.fields).length) setErrors(err.fields)
      setError(err)
    } finally {
      setBusy(false)
    }
  }

  const text = (k: TextKey, label: string, placeholder: string, opts: { type?: 'text' | 'number'; errKey?: string; hint?: string; disabled?: boolean } = {}) => (
    <View className={`form-field field-${k}`}>
      <Text className='form-label'>{label}</Text>
      <Input className='form-input' type={opts.type ?? 'text'} value={f[k]} placeholder={placeholder} disabled={opts.disabled || undefined} onInput={(e) => set(k, e.detail.value)} />
      {opts.hint ? <Text className='form-hint'>{opts.hint}</Text> : null}
      <FieldError message={errors[opts.errKey ?? k]} />
    </View>
  )
  const approval: ApprovalMode | '' = f.approvalMode || (f.kind ? defaultApprovalMode(f.kind) : '')
  const frozenHint = frozen ? <Text className='form-hint frozen-hint'>已有会员报名，不能修改</Text> : null

  return (
    <View className='page event-new-page'>
      {restored && event ? (
        <View className='card restored-note'>
          <Text className='form-hint'>已恢复您上次未保存的修改。</Text>
          <Button
            className='btn btn-plain btn-small discard-draft-btn'
            onClick={() => {
              root.storage.removeItem(draftKey)
              setRestored(false)
              setErrors({})
              setF(fromEvent(event))
            }}
          >
            放弃修改，重新载入
          </Button>
        </View>
      ) : null}
      {frozen ? (
        <View className='card'>
          <Text className='form-hint frozen-note'>已有会员报名：活动类型、报名方式、团队人数、审核方式和报名题目不能再修改；名额不能少于已占用的 {c?.taken} 个。</Text>
        </View>
      ) : null}
      <View className='card'>
        <View className='form-field field-kind'>
          <Text className='form-label'>活动类型</Text>
          <Chips variant='choice' options={optionsOf(EVENT_KIND_KEYS, EVENT_KINDS)} value={f.kind} onChange={(k) => set('kind', k)} optionClass={(k) => `kind-${k}`} disabled={frozen} />
          {frozenHint}
          <FieldError message={errors.kind} />
        </View>
        {text('title', '活动名称', '如：2026 年职工技能竞赛')}
        <View className='form-field field-description'>
          <Text className='form-label'>活动介绍</Text>
          <Textarea className='form-textarea' value={f.description} maxlength={4000} placeholder='活动内容、日程安排、注意事项' onInput={(e) => set('description', e.detail.value)} />
          <FieldError message={errors.description} />
        </View>
        {!editId && orgs.length > 1 ? (
          <View className='form-field field-orgId'>
            <Text className='form-label'>主办工会（其下会员可报名）</Text>
            <View className='choices'>
              {orgs.map((o) => (
                <Text key={o.id} className={`choice ${f.orgId === o.id ? 'choice-active' : ''}`} onClick={() => set('orgId', o.id)}>
                  {o.name}
                </Text>
              ))}
            </View>
            <FieldError message={errors.orgId} />
          </View>
        ) : event || orgs.length === 1 ? (
          <View className='form-field field-orgId'>
            <Text className='form-label'>主办工会</Text>
            <Text className='form-readonly'>{event ? `${event.orgName}（不能修改）` : orgs[0].name}</Text>
            <FieldError message={errors.orgId} />
          </View>
        ) : null}
      </View>

      <Text className='section-title'>时间与地点</Text>
      <View className='card'>
        {text('registrationOpensAt', '报名开始', TIME_FORMAT, { hint: TIME_HINT })}
        {text('registrationClosesAt', '报名截止', TIME_FORMAT, { hint: TIME_HINT })}
        {text('startsAt', '活动开始', TIME_FORMAT, { hint: TIME_HINT })}
        {text('endsAt', '活动结束', TIME_FORMAT, { hint: TIME_HINT })}
        {text('placeName', '活动地点', '如：云溪区职工文化中心', { errKey: 'place.name' })}
        {text('placeAddress', '详细地址', '街道门牌号', { errKey: 'place.address' })}
        <View className='form-field field-coords'>
          <Text className='form-label'>经纬度（用于签到和导航）</Text>
          <View className='actions-row'>
            <Input className='form-input' type='digit' value={f.lat} placeholder='纬度 30.274' onInput={(e) => set('lat', e.detail.value)} />
            <Input className='form-input' type='digit' value={f.lng} placeholder='经度 120.155' onInput={(e) => set('lng', e.detail.value)} />
          </View>
          <FieldError message={errors['place.lat'] || errors['place.lng']} />
          <Button className='btn btn-plain btn-small' onClick={() => void locate()}>
            使用当前位置
          </Button>
        </View>
      </View>

      <Text className='section-title'>报名规则</Text>
      <View className='card'>
        {text('capacity', f.entryMode === 'team' ? '名额（队数）' : '名额（人数）', '如 50', { type: 'number' })}
        <View className='form-field field-entryMode'>
          <Text className='form-label'>报名方式</Text>
          <Chips variant='choice' options={optionsOf(ENTRY_MODE_KEYS, ENTRY_MODES)} value={f.entryMode} onChange={(k) => set('entryMode', k)} optionClass={(k) => `entry-${k}`} disabled={frozen} />
          {frozenHint}
          <FieldError message={errors.entryMode} />
        </View>
        {f.entryMode === 'team' ? (
          <>
            {text('teamMinSize', '每队最少人数（含队长）', '如 3', { type: 'number', disabled: frozen })}
            {text('teamMaxSize', '每队最多人数（含队长）', '如 5', { type: 'number', disabled: frozen })}
          </>
        ) : null}
        <View className='form-field field-approvalMode'>
          <Text className='form-label'>审核方式</Text>
          <Chips variant='choice' options={optionsOf(APPROVAL_MODE_KEYS, APPROVAL_MODES)} value={approval} onChange={(k) => set('approvalMode', k)} optionClass={(k) => `approval-${k}`} disabled={frozen} />
          {frozenHint ?? (f.approvalMode ? null : <Text className='form-hint'>未选择时按活动类型默认（竞赛和疗休养需审核）</Text>)}
          <FieldError message={errors.approvalMode} />
        </View>
        <View className='form-field field-eligibility'>
          <Text className='form-label'>可报名的会员</Text>
          <View className='choices'>
            <Text className={`choice eligible-all ${f.eligibleEmploymentTypes.length === 0 ? 'choice-active' : ''}`} onClick={() => set('eligibleEmploymentTypes', [])}>
              全部会员
            </Text>
            {EMPLOYMENT_TYPE_KEYS.map((t) => (
              <Text key={t} className={`choice eligible-${t} ${f.eligibleEmploymentTypes.includes(t) ? 'choice-active' : ''}`} onClick={() => toggleType(t)}>
                {EMPLOYMENT_TYPES[t]}
              </Text>
            ))}
          </View>
          <FieldError message={errors.eligibleEmploymentTypes} />
        </View>
        {text('cancelCutoffHours', '开始前多少小时内不能取消', '如 24（0 表示开始前都可取消）', { type: 'number' })}
      </View>

      <Text className='section-title'>报名题目（可选）</Text>
      {frozen ? <Text className='form-hint frozen-hint'>已有会员报名，报名题目不能修改</Text> : null}
      {f.questions.map((q, i) => (
        <View key={i} className={`card question-form question-form-${i}`}>
          <View className='form-field field-q-label'>
            <Text className='form-label'>第 {i + 1} 题</Text>
            <Input className='form-input' value={q.label} placeholder='如：本单位工龄（年）' disabled={frozen || undefined} onInput={(e) => setQ(i, { label: e.detail.value })} />
            <FieldError message={errors[`questions.${i}.label`]} />
          </View>
          <View className='form-field field-q-type'>
            <Text className='form-label'>题目类型</Text>
            <Chips variant='choice' options={optionsOf(QUESTION_TYPE_KEYS, QUESTION_TYPES)} value={q.type} onChange={(k) => setQ(i, { type: k })} optionClass={(k) => `qtype-${k}`} disabled={frozen} />
            <FieldError message={errors[`questions.${i}.type`]} />
          </View>
          {CHOICE_TYPES.includes(q.type) ? (
            <View className='form-field field-q-options'>
              <Text className='form-label'>选项（用逗号分隔）</Text>
              <Input className='form-input' value={q.options} placeholder='如：初级，中级，高级' disabled={frozen || undefined} onInput={(e) => setQ(i, { options: e.detail.value })} />
              <FieldError message={errors[`questions.${i}.options`] || errors[`questions.${i}.options.0`]} />
            </View>
          ) : null}
          <View className='actions-row'>
            <Text className={`choice q-required ${q.required ? 'choice-active' : ''}`} onClick={frozen ? undefined : () => setQ(i, { required: !q.required })}>
              {q.required ? '必答 ✓' : '选答'}
            </Text>
            {frozen ? null : (
              <Button className='btn btn-plain btn-small remove-question-btn' onClick={() => setF((p) => (p ? { ...p, questions: p.questions.filter((_, j) => j !== i) } : p))}>
                删除此题
              </Button>
            )}
          </View>
        </View>
      ))}
      <FieldError message={errors.questions} />
      {frozen || f.questions.length >= 20 ? null : (
        <Button className='btn btn-ghost btn-block add-question-btn' onClick={() => setF((p) => (p ? { ...p, questions: [...p.questions, emptyQuestion()] } : p))}>
          添加题目
        </Button>
      )}

      {editId || orgs.length > 0 ? null : <FieldError message={errors.orgId} />}
      <ErrorMessage error={error} />
      <Button className='btn btn-primary btn-block save-event-btn' loading={busy || undefined} disabled={busy || undefined} onClick={() => void save()}>
        {editId ? '保存修改' : '发布活动'}
      </Button>
    </View>
  )
}
