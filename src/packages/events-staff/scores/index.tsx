import { useEffect, useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Input, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { eventsApi } from '@contract/events/api'
import type { Event, ManagedRegistration, Ranking } from '@contract/events/schemas'
import { useStores } from '../../../stores/context'
import type { RootStore } from '../../../stores/RootStore'
import { DraftSync } from '../../../stores/DraftSync'
import { toast } from '../../../platform/ui'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { FieldError } from '../../../components/FieldError'
import { ResourceView } from '../../../components/ResourceView'
import { useResource } from '../../../hooks/useResource'
import { isApiError } from '../../../api/errors'
import { parseNumber, RankingCard, StatusBadge } from '../../events/shared'
import { PageRoot } from '../../../components/PageRoot'
import '../../../styles/staff.css'

const TAKING_PART = new Set(['confirmed', 'checked_in', 'no_show'])
/** Per organiser and event: a shared phone keeps each organiser's typing apart. */
const draftKey = (user: number | string, eventId: number) => `union.eventScores.v2.${user}.${eventId}`

/** The event, everyone taking part (every page of them) and the ranking so far. */
interface Sheet {
  event: Event
  rows: ManagedRegistration[]
  ranking: Ranking | null
}

async function loadSheet(root: RootStore, id: number): Promise<Sheet> {
  const event = await root.api.send(eventsApi.manageEvent, { params: { id } })
  const all: ManagedRegistration[] = []
  let cursor: string | undefined
  do {
    const page = await root.api.send(eventsApi.manageRegistrations, { params: { id }, query: { cursor, limit: 100 } })
    all.push(...page.items)
    cursor = page.nextCursor ?? undefined
  } while (cursor)
  const ranking = event.scored ? await root.api.send(eventsApi.manageRanking, { params: { id } }) : null
  return { event, rows: all.filter((r) => TAKING_PART.has(r.status)), ranking }
}

const savedText = (r: ManagedRegistration) => (r.score === null ? '' : String(r.score))

/** 成绩录入: one score per contestant, kept on the device while typed; saving returns the ranking. */
function EventScoresPage() {
  const id = Number(useRouter().params.id)
  if (!(id > 0)) return <PageRoot className='page'><ErrorMessage error='缺少活动编号，请从活动管理进入' /></PageRoot>
  return <EventScores id={id} />
}

const EventScores = observer(function EventScores({ id }: { id: number }) {
  const root = useStores()
  const resource = useResource(() => loadSheet(root, id), [root, id])
  return (
    <ResourceView resource={resource}>
      {(sheet) =>
        sheet.event.scored ? (
          <ScoresForm id={id} sheet={sheet} onSaved={(next) => resource.set(next)} />
        ) : (
          <PageRoot className='page'>
            <View className='card'>
              <EmptyState title='本活动不计成绩' hint='培训、疗休养等活动按签到统计出勤' />
            </View>
          </PageRoot>
        )
      }
    </ResourceView>
  )
})

const ScoresForm = observer(function ScoresForm({ id, sheet, onSaved }: { id: number; sheet: Sheet; onSaved: (s: Sheet) => void }) {
  const root = useStores()
  const { event, rows, ranking } = sheet
  // What the organiser typed and has not saved yet (row id → text), on the device at every change; rows not typed
  // show the score the server has.
  const [draft] = useState(() => {
    const d = new DraftSync<Record<number, string>>({}, { storage: root.storage, key: () => draftKey(root.session.me?.id ?? 'anon', id) })
    d.restore(null, {})
    return d
  })
  useEffect(() => () => draft.dispose(), [draft])
  const [errors, setErrors] = useState<Record<number, string>>({})
  const [error, setError] = useState<unknown>(null)
  const [saving, setSaving] = useState(false)
  const valueOf = (r: ManagedRegistration) => draft.value[r.id] ?? savedText(r)

  const setScore = (rid: number, v: string) => {
    draft.update({ ...draft.value, [rid]: v })
    setErrors((e) => {
      const n = { ...e }
      delete n[rid]
      return n
    })
  }

  const save = async () => {
    const bad: Record<number, string> = {}
    const body: { registrationId: number; score: number | null }[] = []
    for (const r of rows) {
      const raw = valueOf(r).trim()
      if (raw === savedText(r)) continue
      if (raw === '') body.push({ registrationId: r.id, score: null })
      else {
        const n = parseNumber(raw)
        if (n === null) bad[r.id] = '请填写数字'
        else body.push({ registrationId: r.id, score: n })
      }
    }
    setErrors(bad)
    if (Object.keys(bad).length) return
    if (body.length === 0) return toast('成绩没有改动')
    setSaving(true)
    setError(null)
    try {
      const res = await root.api.send(eventsApi.saveScores, { params: { id }, body: { scores: body } })
      draft.clear()
      draft.restore(null, {})
      onSaved({
        ...sheet,
        ranking: res,
        rows: rows.map((r) => {
          const s = body.find((b) => b.registrationId === r.id)
          return s ? { ...r, score: s.score } : r
        }),
      })
      toast('成绩已保存', 'success')
    } catch (err) {
      if (isApiError(err)) {
        const fieldErrs: Record<number, string> = {}
        for (const [path, msg] of Object.entries(err.fields)) {
          const m = /^scores\.(\d+)/.exec(path)
          const entry = m ? body[Number(m[1])] : undefined
          if (entry) fieldErrs[entry.registrationId] = msg
        }
        setErrors(fieldErrs)
      }
      setError(err)
    } finally {
      setSaving(false)
    }
  }

  return (
    <PageRoot className='page event-scores-page'>
      <View className='card'>
        <Text className='event-title'>{event.title}</Text>
        <Text className='muted'>
          成绩单位：{event.scoreUnit}，{event.higherScoreWins ? '分数高者名次靠前' : '数值小者名次靠前'}；同分并列
        </Text>
      </View>
      {rows.length === 0 ? (
        <View className='card'>
          <EmptyState title='还没有参赛人员' hint='审核通过的报名会出现在这里' />
        </View>
      ) : (
        <View className='card scores-card'>
          {rows.map((r) => (
            <View key={r.id} className='score-entry' data-id={r.id}>
              <View className='score-row'>
                <Text className='score-name'>
                  {r.team?.name ?? r.name}
                  <Text className='muted'> {r.memberNo}</Text>
                </Text>
                <StatusBadge status={r.status} />
                <Input className='form-input score-input' type='digit' value={valueOf(r)} maxlength={12} placeholder={event.scoreUnit} onInput={(e) => setScore(r.id, e.detail.value)} />
              </View>
              <FieldError message={errors[r.id]} />
            </View>
          ))}
        </View>
      )}
      <ErrorMessage error={error} />
      {rows.length > 0 ? (
        <Button className='btn btn-primary btn-block save-scores-btn' loading={saving || undefined} disabled={saving || undefined} onClick={() => void save()}>
          保存成绩并生成排名
        </Button>
      ) : null}

      {ranking && ranking.items.length > 0 ? <RankingCard ranking={ranking} /> : null}
    </PageRoot>
  )
})

export default EventScoresPage
