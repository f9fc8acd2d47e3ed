/**
 * 新建救助类型 / 编辑救助类型 (?key=): name, owning union (from the admin's grants, as 新建福利活动 picks its
 * 发布工会), 启用, 受理时间, 金额规则, 审核, the application form's steps and fields, the document checklist and the
 * conditions. Checked with the contract here; the server's refusals land beside their fields; nothing typed is lost
 * (the draft is on the device).
 */
import { useEffect, useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { reliefApi } from '@contract/relief/api'
import { FIELD_KIND_KEYS } from '@contract/relief/labels'
import { useStores } from '../../../stores/context'
import { back, toast } from '../../../platform/ui'
import { Loading } from '../../../components/Loading'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { LoginRequired } from '../../../components/LoginRequired'
import { ResourceView } from '../../../components/ResourceView'
import { useResource } from '../../../hooks/useResource'
import { AidTypeEditor } from '../stores/AidTypeEditor'
import { adminOrgs } from '../stores/admin-orgs'
import { DocumentsSection, FieldsSection, StepsSection } from './FormSections'
import { AmountSection, BasicsSection, EligibilitySection, KindsHint, ReviewSection, WindowSection } from './sections'
import { PageRoot } from '../../../components/PageRoot'
import '../detail/relief-staff.css'

const TypeEditPage = observer(function TypeEditPage() {
  const root = useStores()
  const editKey = useRouter().params.key ?? ''
  const [editor] = useState(() => {
    const e = new AidTypeEditor({ api: root.api, storage: root.storage, userId: () => root.session.me?.id ?? null, orgs: () => adminOrgs(root), now: root.now }, editKey)
    if (!editKey) e.startNew()
    return e
  })
  useEffect(() => () => editor.dispose(), [editor])
  if (root.session.status === 'unknown') return <Loading />
  if (!root.session.isAuthenticated) return <LoginRequired hint='登录后设置救助类型' />
  return editKey ? <EditLoader editor={editor} typeKey={editKey} /> : <TypeForm editor={editor} />
})

/** 编辑救助类型: the stored type first, then the form on it (or on the draft of it kept on this device). */
const EditLoader = observer(function EditLoader({ editor, typeKey }: { editor: AidTypeEditor; typeKey: string }) {
  const root = useStores()
  useEffect(() => {
    void Promise.resolve()
      .then(() => Taro.setNavigationBarTitle({ title: '编辑救助类型' }))
      .catch(() => undefined)
  }, [])
  const resource = useResource(async () => {
    const t = await root.api.send(reliefApi.manageType, { params: { key: typeKey } })
    editor.open(t)
    return t
  }, [root, typeKey, editor])
  return <ResourceView resource={resource}>{() => <TypeForm editor={editor} />}</ResourceView>
})

const TypeForm = observer(function TypeForm({ editor }: { editor: AidTypeEditor }) {
  const root = useStores()
  const orgs = adminOrgs(root)
  const orgId = editor.form?.orgId ?? orgs[0]?.id ?? null
  // What binds the owning union's own types (null for the root, or when it cannot be read: the server still checks).
  const limits = useResource(() => (orgId === null ? Promise.resolve(null) : root.api.send(reliefApi.typeLimits, { params: { orgId } })), [root, orgId])
  if (!editor.form) return <Loading />
  const effective = limits.data?.effective ?? null
  const kinds = effective?.fieldKinds ?? FIELD_KIND_KEYS

  const save = async () => {
    const saved = await editor.save()
    if (!saved) return
    toast(editor.creating ? '已创建' : '已保存', 'success')
    back()
  }

  return (
    <PageRoot className='page aid-type-edit-page'>
      {editor.restored && editor.type ? (
        <View className='card restored-note'>
          <Text className='form-hint'>已恢复您上次未保存的修改。</Text>
          <Button className='btn btn-plain discard-draft-btn' onClick={() => editor.discard()}>
            放弃修改，重新载入
          </Button>
        </View>
      ) : null}
      <BasicsSection editor={editor} orgs={orgs} />
      <WindowSection editor={editor} />
      <AmountSection editor={editor} limits={effective} />
      <ReviewSection editor={editor} />
      <StepsSection editor={editor} />
      <KindsHint limits={effective} />
      <FieldsSection editor={editor} kinds={kinds} />
      <DocumentsSection editor={editor} />
      <EligibilitySection editor={editor} />

      <ErrorMessage error={editor.error} />
      <Button className='btn btn-primary btn-block save-type-btn' loading={editor.busy || undefined} disabled={editor.busy || undefined} onClick={() => void save()}>
        {editor.creating ? '创建救助类型' : '保存修改'}
      </Button>
      <Text className='draft-hint'>填写的内容随时保存在本机，保存成功前离开也不会丢失</Text>
    </PageRoot>
  )
})

export default TypeEditPage
