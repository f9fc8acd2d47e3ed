import { useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Text, Textarea, View } from '@tarojs/components'
import { reliefApi } from '@contract/relief/api'
import type { PublicityEntry, PublicityRound } from '@contract/relief/schemas'
import { useStores } from '../../../stores/context'
import { toast } from '../../../platform/ui'
import { isApiError } from '../../../api/errors'
import { Loading } from '../../../components/Loading'
import { EmptyState } from '../../../components/EmptyState'
import { FieldError } from '../../../components/FieldError'
import { LoginRequired } from '../../../components/LoginRequired'
import { StageChip } from '../../../components/StageChip'
import { ResourceView } from '../../../components/ResourceView'
import { useResource } from '../../../hooks/useResource'
import { formatDate, formatDateTime } from '../../../utils/date'
import { yuanText } from '../../../utils/money'
import { PageRoot } from '../../../components/PageRoot'
import '../relief.css'

function ObjectionForm({ entry, onDone }: { entry: PublicityEntry; onDone: () => void }) {
  const root = useStores()
  const [content, setContent] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const send = async () => {
    const c = content.trim()
    if (c.length < 5) return setError('请写明异议内容（至少 5 个字）')
    setBusy(true)
    try {
      await root.api.send(reliefApi.object, { params: { id: entry.id }, body: { content: c } })
      toast('异议已提交，工会将核实后答复', 'success')
      onDone()
    } catch (err) {
      setError(isApiError(err) ? (err.field('content') ?? err.message) : '提交失败，请稍后再试')
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='objection-box field-content'>
      <Textarea
        className='form-textarea objection-input'
        value={content}
        maxlength={500}
        placeholder='请写明您了解的情况，如申请人实际情况与公示不符的原因。异议内容仅工会审核人员可见。'
        onInput={(e) => {
          setContent(e.detail.value)
          setError(null)
        }}
      />
      <FieldError message={error} />
      <Button className='btn btn-primary btn-block objection-submit' loading={busy || undefined} disabled={busy || undefined} onClick={() => void send()}>
        提交异议
      </Button>
    </View>
  )
}

/** The 公示 rounds now open or lately closed, each entry with 提出异议 while its round is open. */
function Rounds() {
  const root = useStores()
  const resource = useResource(async () => (await root.api.send(reliefApi.publicity)).items, [root])
  const [objecting, setObjecting] = useState<number | null>(null)
  const load = () => void resource.reload()
  return <ResourceView resource={resource}>{(rounds: PublicityRound[]) => (
    <PageRoot className='page relief-notice-page'>
      <View className='notice'>
        <Text>救助结果在发放前公示，接受会员监督。公示期内如有异议，可在对应条目下提出，工会将核实并答复。</Text>
      </View>
      {rounds.length === 0 ? (
        <View className='card'>
          <EmptyState title='近期没有公示' hint='新的公示发布后会显示在这里' actionText='刷新' onAction={load} />
        </View>
      ) : (
        rounds.map((r) => (
          <View key={r.id} className={`card round round-${r.id}`}>
            <View className='round-head'>
              <Text className='notice-title'>{r.title}</Text>
              <StageChip tone={r.open ? 'progress' : 'muted'} label={r.open ? '公示中' : '已结束'} />
            </View>
            <Text className='muted'>
              {r.orgName} · {formatDate(r.startsAt)} 至 {formatDateTime(r.endsAt)}
            </Text>
            {r.entries.map((e) => (
              <View key={e.id} className={`entry entry-${e.id}`}>
                <View className='entry-row'>
                  <View className='entry-main'>
                    <Text>
                      {e.nameMasked} · {e.typeName}
                    </Text>
                    <Text className='entry-sub'>{e.orgName}</Text>
                  </View>
                  <Text className='amount-granted'>{yuanText(e.amount)}</Text>
                </View>
                {r.open ? (
                  objecting === e.id ? (
                    <ObjectionForm
                      entry={e}
                      onDone={() => {
                        setObjecting(null)
                        load()
                      }}
                    />
                  ) : (
                    <Text className='link object-btn' onClick={() => setObjecting(e.id)}>
                      提出异议
                    </Text>
                  )
                ) : null}
              </View>
            ))}
          </View>
        ))
      )}
    </PageRoot>
  )}</ResourceView>
}

function NoticePage() {
  const root = useStores()
  if (root.session.status === 'unknown') return <Loading />
  if (!root.session.isAuthenticated) return <LoginRequired hint='登录后可查看救助公示' />
  return <Rounds />
}

export default observer(NoticePage)
