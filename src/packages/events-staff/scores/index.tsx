import { useCallback, useEffect, useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { eventsApi } from '@contract/events/api'
import type { Event, ManagedRegistration, Ranking } from '@contract/events/schemas'
import { useStores } from '../../../stores/context'
import { toast } from '../../../platform/ui'
import { Loading } from '../../../components/Loading'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { FieldError } from '../../../components/FieldError'
import { isApiError } from '../../../api/errors'
import { StatusBadge } from '../../events/components/bits'
import { parseNumber } from '../../events/stores/RegistrationForm'
import '../../events/events.css'
import '../../../styles/staff.css'

const TAKING_PART = new Set(['confirmed', 'checked_in', 'no_show'])
const draftKey = (eventId: number) => `union.eventScores.v1.${eventId}`

/** 成绩录入: one score per contestant, kept on the device while typed; saving returns the ranking. */
export default function EventScoresPage() {
  const root = useStores()
  const id = Number(useRouter().params.id)
  const [event, setEvent] = useState<Event | null>(null)
  const [rows, setRows] = useState<ManagedRegistration[] | null>(null)
  const [scores, setScores] = useState<Record<number, string>>({})
  const [errors, setErrors] = useState<Record<number, string>>({})
  const [ranking, setRanking] = useState<Ranking | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [saving, setSaving] = useState(false)

  const load = useCallback(async () => {
    setError(null)
    try {
      const ev = await root.api.send(eventsApi.manageEvent, { params: { id } })
      const all: ManagedRegistration[] = []
      let cursor: string | undefined
      do {
        const page = await root.api.send(eventsApi.manageRegistrations, { params: { id }, query: { cursor, limit: 100 } })
        all.push(...page.items)
        cursor = page.nextCursor ?? undefined
      } while (cursor)
      const taking = all.filter((r) => TAKING_PART.has(r.status))
      const saved: Record<number, string> = {}
      for (const r of taking) if (r.score !== null) saved[r.id] = String(r.score)
      let draft: Record<number, string> = {}
      try {
        draft = JSON.parse(root.storage.getItem(draftKey(id)) ?? '{}') as Record<number, string>
      } catch {
        draft = {}
      }
      setEvent(ev)
      setScores({ ...saved, ...draft })
      setRows(taking)
      if (ev.scored) setRanking(await root.api.send(eventsApi.manageRanking, { params: { id } }))
    } catch (err) {
      setError(err)
    }
  }, [root, id])

  useEffect(() => {
    if (id > 0) void load()
  }, [id, load])

  if (!(id > 0)) return <View className='page'><ErrorMessage error='缺少活动编号，请从活动管理进入' /></View>
  if (!event || !rows) return error ? <View className='page'><ErrorMessage error={error} onRetry={() => void load()} /></View> : <Loading />
  if (!event.scored) {
    return (
      <View className='page'>
        <View className='card'>
          <EmptyState title='本活动不计成绩' hint='培训、疗休养等活动按签到统计出勤' />
        </View>
      </View>
    )
  }

  const setScore = (rid: number, v: string) => {
    const next = { ...scores, [rid]: v }
    setScores(next)
    setErrors((e) => {
      const n = { ...e }
      delete n[rid]
      return n
    })
    root.storage.setItem(draftKey(id), JSON.stringify(next))
  }

  const save = async () => {
    const bad: Record<number, string> = {}
    const body: { registrationId: number; score: number | null }[] = []
    for (const r of rows) {
      const raw = (scores[r.id] ?? '').trim()
      const before = r.score === null ? '' : String(r.score)
      if (raw === before) continue
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
      setRanking(res)
      setRows(rows.map((r) => {
        const s = body.find((b) => b.registrationId === r.id)
        return s ? { ...r, score: s.score } : r
      }))
      root.storage.removeItem(draftKey(id))
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
    <View className='page event-scores-page'>
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
                <Input className='form-input score-input' type='digit' value={scores[r.id] ?? ''} maxlength={12} placeholder={event.scoreUnit} onInput={(e) => setScore(r.id, e.detail.value)} />
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

      {ranking && ranking.items.length > 0 ? (
        <View className='card ranking-card'>
          <Text className='section-title'>排名</Text>
          {ranking.items.map((it) => (
            <View key={it.registrationId} className='ranking-row'>
              <Text className='ranking-place'>第 {it.rank} 名</Text>
              <Text className='ranking-name'>{it.teamName ?? it.name}</Text>
              <Text>
                {it.score} {ranking.scoreUnit}
              </Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}
