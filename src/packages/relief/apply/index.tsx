/**
 * 帮扶救助 application form: opens (or starts) the application, then the step-by-step form (ApplyForm) — the type's
 * own steps (FieldsStep), 上传材料 (DocumentsStep) and 确认提交 (ConfirmStep). Every change is a saved draft.
 */
import { pages } from '@contract/pages'
import { useEffect, useState } from 'react'
import { observer } from 'mobx-react-lite'
import { View } from '@tarojs/components'
import { useDidShow, useRouter } from '@tarojs/taro'
import { useStores } from '../../../stores/context'
import { errorMessage, isApiError } from '../../../api/errors'
import { replaceWith } from '../../../platform/ui'
import { Loading } from '../../../components/Loading'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { LoginRequired } from '../../../components/LoginRequired'
import { applyStoreOf } from '../stores'
import { ApplyForm } from './ApplyForm'
import { PageRoot } from '../../../components/PageRoot'
import '../relief.css'

function ApplyPage() {
  const root = useStores()
  const store = applyStoreOf(root)
  const router = useRouter()
  const id = Number(router.params.id)
  const typeKey = router.params.type
  const authed = root.session.isAuthenticated
  // The form mounts only after this visit's load, so every Input starts with its restored value.
  const [ready, setReady] = useState(false)

  useEffect(() => {
    if (!authed) return undefined
    let live = true
    setReady(false)
    void store.open(id > 0 ? { id } : { typeKey: typeKey ?? '' }).finally(() => live && setReady(true))
    return () => {
      live = false
      void store.close()
    }
  }, [authed, store, id, typeKey])
  useDidShow(() => {
    if (!ready) return
    // One form store per app: if another application was opened meanwhile, this page takes its own back.
    if (id > 0 && store.appId !== id) {
      setReady(false)
      void store.open({ id }).finally(() => setReady(true))
    } else void store.resync()
  })

  if (root.session.status === 'unknown') return <Loading />
  if (!authed) return <LoginRequired hint='登录后可在线申请帮扶救助，填写内容自动保存' />
  if (!ready || store.loading) return <Loading text='正在打开申请…' />
  if (!(id > 0) && !typeKey) {
    return (
      <PageRoot className='page'>
        <EmptyState title='请先选择救助类型' actionText='选择救助类型' onAction={() => replaceWith(pages.relief.types.path)} />
      </PageRoot>
    )
  }
  if (!store.type || store.appId === null) {
    const notMember = isApiError(store.loadError) && store.loadError.status === 403 && !root.session.isMember
    return (
      <PageRoot className='page'>
        {notMember ? (
          <View className='card'>
            <EmptyState title={errorMessage(store.loadError)} hint='入会后即可申请帮扶救助' actionText='申请入会' onAction={() => replaceWith(pages.membership.join.path)} />
          </View>
        ) : (
          <ErrorMessage error={store.loadError ?? '未找到该救助类型'} onRetry={() => void store.open(id > 0 ? { id } : { typeKey: typeKey ?? '' }).then(() => setReady(true))} />
        )}
      </PageRoot>
    )
  }
  if (!store.editable) {
    return (
      <PageRoot className='page'>
        <View className='card'>
          <EmptyState
            title={`该申请${store.app?.stageLabel ?? '已提交'}`}
            hint='当前不能修改，可查看办理进度'
            actionText='查看申请详情'
            onAction={() => store.appId !== null && replaceWith(pages.relief.detail.url({ id: store.appId }))}
          />
        </View>
      </PageRoot>
    )
  }
  return <ApplyForm store={store} />
}

export default observer(ApplyPage)
