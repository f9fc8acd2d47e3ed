/** The form around the steps: the step bar, the draft's state, what a reviewer asked for, the step, 上一步/下一步/提交. */
import { pages } from '@contract/pages'
import { useEffect } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Text, View } from '@tarojs/components'
import { replaceWith, toast } from '../../../platform/ui'
import { useStores } from '../../../stores/context'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { CONFIRM_STEP, DOCUMENTS_STEP, type ApplyStore } from '../stores/ApplyStore'
import { shortDateTime } from '../format'
import { FieldsStep } from './FieldsStep'
import { DocumentsStep } from './DocumentsStep'
import { ConfirmStep } from './ConfirmStep'
import { PageRoot } from '../../../components/PageRoot'

const DraftBar = observer(function DraftBar({ store }: { store: ApplyStore }) {
  const text =
    store.draftState === 'saved'
      ? `草稿已保存${store.draftSavedAt ? ` ${shortDateTime(store.draftSavedAt).split(' ')[1]}` : ''}`
      : store.draftState === 'offline'
        ? '已离线保存，联网后自动同步'
        : store.draftState === 'saving'
          ? '正在保存草稿…'
          : store.draftState === 'error'
            ? (store.saveError ?? '草稿未能保存到服务器，已保存在本机')
            : '填写内容会自动保存'
  return (
    <View className='draft-bar'>
      <Text className='draft-state' data-state={store.draftState}>
        {text}
      </Text>
      <Text>
        第 {store.stepIndex + 1}/{store.steps.length} 步
      </Text>
    </View>
  )
})

const ReturnRequest = observer(function ReturnRequest({ store }: { store: ApplyStore }) {
  const ret = store.app?.stage === 'returned' ? store.app.returnRequest : null
  if (!ret) return null
  return (
    <View className='return-box return-request'>
      <Text className='notice-title'>审核人员请您补充：</Text>
      {ret.documents.map((d) => (
        <Text key={d.key} className='summary-item'>
          · {d.name}
        </Text>
      ))}
      {ret.note ? <Text>说明：{ret.note}</Text> : null}
      <Text className='muted'>补充后到最后一步重新提交。</Text>
    </View>
  )
})

export const ApplyForm = observer(function ApplyForm({ store }: { store: ApplyStore }) {
  const step = store.step
  const isLast = step === CONFIRM_STEP
  const { subscriptions } = useStores()
  useEffect(() => subscriptions.prepare(), [subscriptions])
  const submit = async () => {
    // From the tap, before anything is awaited: WeChat's dialog for the case's progress; never holds the submit up.
    void subscriptions.ask(['relief_progress'])
    const ok = await store.submit()
    if (ok && store.appId !== null) {
      toast(store.app && store.app.submissionCount > 1 ? '已重新提交' : '已提交，请等待审核', 'success')
      replaceWith(pages.relief.detail.url({ id: store.appId }))
    }
  }
  return (
    <PageRoot className='page relief-apply-page' data-step={step}>
      <View className='steps'>
        {store.steps.map((s, i) => (
          <View
            key={s.key}
            className={`step step-${s.key}`}
            data-state={i < store.stepIndex ? 'done' : i === store.stepIndex ? 'current' : 'todo'}
            onClick={() => void store.goTo(s.key)}
          >
            {s.title}
          </View>
        ))}
      </View>
      <DraftBar store={store} />
      {store.loadError && store.restoredFrom === 'device' ? <ErrorMessage error='网络不给力：已打开本机保存的草稿，联网后自动同步' /> : null}
      <ReturnRequest store={store} />

      {step === DOCUMENTS_STEP ? <DocumentsStep store={store} /> : step === CONFIRM_STEP ? <ConfirmStep store={store} /> : <FieldsStep key={step} store={store} step={step} />}

      <ErrorMessage error={store.submitError} />
      <View className='step-actions'>
        {store.stepIndex > 0 ? (
          <Button className='btn btn-ghost prev-btn' onClick={() => void store.prev()}>
            上一步
          </Button>
        ) : null}
        {isLast ? (
          <Button className='btn btn-primary submit-btn' loading={store.submitting || undefined} disabled={store.submitting || undefined} onClick={() => void submit()}>
            {store.app?.stage === 'returned' ? '重新提交' : '提交申请'}
          </Button>
        ) : (
          <Button className='btn btn-primary next-btn' onClick={() => void store.next()}>
            下一步
          </Button>
        )}
      </View>
    </PageRoot>
  )
})
