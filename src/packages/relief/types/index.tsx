import { pages } from '@contract/pages'
import { useEffect, useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Text, View } from '@tarojs/components'
import type { AidType } from '@contract/relief/schemas'
import { useStores } from '../../../stores/context'
import { go } from '../../../platform/ui'
import { Loading } from '../../../components/Loading'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { LoginRequired } from '../../../components/LoginRequired'
import { StageChip } from '../../../components/StageChip'
import { reliefTypesOf } from '../stores'
import { PageRoot } from '../../../components/PageRoot'
import '../relief.css'

function TypeCard({ t, open, onToggle }: { t: AidType; open: boolean; onToggle: () => void }) {
  return (
    <View className={`card type-card type-${t.key}`}>
      <View className='type-head' onClick={onToggle}>
        <Text className='type-name'>{t.name}</Text>
        <StageChip tone={t.openNow ? 'success' : 'muted'} label={t.openNow ? '受理中' : '未到受理时间'} />
      </View>
      <Text className='type-desc'>{t.description}</Text>
      <Text className='type-meta'>
        <Text className='type-meta-key'>救助金额</Text>
        {t.amountLabel}
      </Text>
      <Text className='type-meta'>
        <Text className='type-meta-key'>受理时间</Text>
        {t.windowLabel}
      </Text>
      {open ? (
        <View className='type-more'>
          <Text className='type-meta type-meta-key'>谁可以申请</Text>
          {t.eligibility.summary.map((s) => (
            <Text key={s} className='type-meta'>
              · {s}
            </Text>
          ))}
          <Text className='type-meta type-meta-key'>需要准备的材料</Text>
          <View className='type-docs'>
            {t.documents.map((d) => (
              <Text key={d.key} className='type-meta'>
                · {d.name}
                {d.required ? '（必交）' : '（选交）'}
                {d.hint ? ` — ${d.hint}` : ''}
              </Text>
            ))}
          </View>
        </View>
      ) : (
        <Text className='type-meta link type-more-link' onClick={onToggle}>
          查看申请条件和所需材料 ›
        </Text>
      )}
      <Button
        className='btn btn-primary btn-block apply-btn'
        disabled={!t.openNow || undefined}
        onClick={() => go(pages.relief.apply.url({ type: t.key }))}
      >
        {t.openNow ? '开始申请' : t.windowLabel}
      </Button>
    </View>
  )
}

function TypesPage() {
  const root = useStores()
  const types = reliefTypesOf(root)
  const authed = root.session.isAuthenticated
  const [open, setOpen] = useState<string | null>(null)

  useEffect(() => {
    if (authed) void types.load()
  }, [authed, types])

  if (root.session.status === 'unknown') return <Loading />
  if (!authed) return <LoginRequired hint='登录后可申请困难帮扶、医疗救助、金秋助学等' />
  if (!types.loaded) {
    return types.error ? (
      <PageRoot className='page'>
        <ErrorMessage error={types.error} onRetry={() => void types.load()} />
      </PageRoot>
    ) : (
      <Loading />
    )
  }

  return (
    <PageRoot className='page relief-types-page'>
      {types.fromCache ? <ErrorMessage error='网络不给力，显示的是上次加载的内容' onRetry={() => void types.load()} /> : null}
      <View className='notice'>
        <Text>遇到困难，工会帮您。选择救助类型后分步填写，填写内容会自动保存，随时可以回来继续。</Text>
      </View>
      {!root.session.isMember ? (
        <View className='card'>
          <EmptyState title='帮扶救助面向工会会员' hint='入会后即可申请' actionText='申请入会' onAction={() => go(pages.membership.join.path)} />
        </View>
      ) : null}
      <View className='list-row link' onClick={() => go(pages.applications.mine.path)}>
        <Text>我的申请（查看进度、继续填写）</Text>
        <Text className='arrow'>›</Text>
      </View>
      {types.items.length === 0 ? (
        <View className='card'>
          <EmptyState title='暂无可申请的救助项目' hint='请关注工会通知，或联系所在基层工会' />
        </View>
      ) : (
        types.items.map((t) => <TypeCard key={t.key} t={t} open={open === t.key} onToggle={() => setOpen(open === t.key ? null : t.key)} />)
      )}
      <View className='list-row link' onClick={() => go(pages.relief.notice.path)}>
        <Text>救助公示</Text>
        <Text className='arrow'>›</Text>
      </View>
    </PageRoot>
  )
}

export default observer(TypesPage)
