/** 我要咨询: dispute kind, employer, amount owed (欠薪), what happened, attachments, how and when to be contacted. */
import { useEffect, useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import { pages } from '@contract/pages'
import {
  LEGAL_ATTACHMENTS_MAX,
  LEGAL_CONTACT_PREFS,
  LEGAL_CONTACT_TIMES,
  LEGAL_DESCRIPTION_MAX,
  LEGAL_DISPUTE_KINDS,
  LEGAL_DOCUMENT_MAX_BYTES,
  LEGAL_DOCUMENT_MAX_LABEL,
  LEGAL_FIRST_RESPONSE_WORKING_DAYS,
  type LegalContactPref,
  type LegalContactTime,
  type LegalDisputeKind,
} from '@contract/legal/labels'
import { useStores } from '../../../stores/context'
import { replaceWith } from '../../../platform/ui'
import { Chips } from '../../../components/Chips'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { FieldError } from '../../../components/FieldError'
import { LoginRequired } from '../../../components/LoginRequired'
import { Uploader } from '../../../components/Uploader'
import { askStoreOf } from '../stores'
import { PageRoot } from '../../../components/PageRoot'
import '../legal.css'

const options = <K extends string>(labels: Record<K, string>) => (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }))

function AskPage() {
  const root = useStores()
  const userId = root.session.me?.id
  if (!root.session.isAuthenticated || userId === undefined) return <LoginRequired hint='登录后可在线咨询劳动纠纷' />
  // Keyed by the user: the form (and its device draft) is made once somebody is signed in, and anew for another login.
  return <AskForm key={userId} userId={userId} />
}

const AskForm = observer(function AskForm({ userId }: { userId: number }) {
  const root = useStores()
  const [store] = useState(() => askStoreOf(root, userId))
  const v = store.value
  const e = store.errors
  const { subscriptions } = root
  useEffect(() => subscriptions.prepare(), [subscriptions])
  const submit = async () => {
    // From the tap, before anything is awaited: WeChat's dialog for the specialist's answers; never holds the submit up.
    void subscriptions.ask(['legal_reply'])
    const created = await store.submit()
    if (created) replaceWith(pages.legal.case.url({ id: created.id }))
  }
  return (
    <PageRoot className='page legal-ask'>
      <View className='card'>
        <View className='form-field field-kind'>
          <Text className='form-label'>纠纷类型</Text>
          <Chips<LegalDisputeKind | ''> variant='choice' label='纠纷类型' options={options(LEGAL_DISPUTE_KINDS)} value={v.kind} onChange={(k) => store.set('kind', k)} />
          <FieldError message={e.kind} />
        </View>
        <View className='form-field field-employer'>
          <Text className='form-label'>用人单位</Text>
          <Input className='form-input' aria-label='用人单位' placeholder='公司、站点或平台名称' value={v.employer} maxlength={100} onInput={(x) => store.set('employer', x.detail.value)} />
          <FieldError message={e.employer} />
        </View>
        {v.kind === 'unpaid_wages' ? (
          <View className='form-field field-amount'>
            <Text className='form-label'>拖欠金额（元）</Text>
            <Input className='form-input' aria-label='拖欠金额（元）' type='number' placeholder='例如 6800' value={v.amount} onInput={(x) => store.set('amount', x.detail.value)} />
            <FieldError message={e.amount} />
          </View>
        ) : null}
        <View className='form-field field-description'>
          <Text className='form-label'>情况说明</Text>
          <Textarea
            className='form-textarea'
            aria-label='情况说明'
            placeholder='什么时候开始、发生了什么、您希望得到什么帮助'
            value={v.description}
            maxlength={LEGAL_DESCRIPTION_MAX}
            onInput={(x) => store.set('description', x.detail.value)}
          />
          <FieldError message={e.description} />
        </View>
        <View className='form-field field-attachments'>
          <Text className='form-label'>证据材料（选填）</Text>
          <Uploader
            label='证据材料'
            files={v.attachments}
            busy={store.uploading}
            maxBytes={LEGAL_DOCUMENT_MAX_BYTES}
            maxLabel={LEGAL_DOCUMENT_MAX_LABEL}
            maxFiles={LEGAL_ATTACHMENTS_MAX}
            hint='劳动合同、工资条、考勤或聊天记录截图（照片或 PDF）'
            error={e.attachments}
            onUpload={(path, name) => store.upload(path, name)}
            onRemove={(id) => store.removeAttachment(id)}
          />
        </View>
        <View className='form-field field-contactPref'>
          <Text className='form-label'>联系方式</Text>
          <Chips<LegalContactPref | ''> variant='choice' label='联系方式' options={options(LEGAL_CONTACT_PREFS)} value={v.contactPref} onChange={(k) => store.set('contactPref', k)} />
          <FieldError message={e.contactPref} />
        </View>
        {v.contactPref === 'phone' ? (
          <View className='form-field field-phone'>
            <Text className='form-label'>手机号</Text>
            <Input className='form-input' aria-label='手机号' nativeProps={{ 'aria-label': '手机号' }} type='number' maxlength={11} value={v.phone} onInput={(x) => store.set('phone', x.detail.value)} />
            <FieldError message={e.phone} />
          </View>
        ) : null}
        <View className='form-field field-contactTime'>
          <Text className='form-label'>方便联系的时间</Text>
          <Chips<LegalContactTime | ''> variant='choice' label='方便联系的时间' options={options(LEGAL_CONTACT_TIMES)} value={v.contactTime} onChange={(k) => store.set('contactTime', k)} />
          <FieldError message={e.contactTime} />
        </View>
        <Text className='draft-hint'>填写内容已自动保存在本机，提交成功前不会丢失。</Text>
        <ErrorMessage error={store.submitError} />
        <Button className='btn btn-primary submit-btn' loading={store.submitting || undefined} disabled={store.submitting || undefined} onClick={() => void submit()}>
          提交咨询
        </Button>
        <Text className='hotline-text'>提交后，工会法律援助专员将在 {LEGAL_FIRST_RESPONSE_WORKING_DAYS} 个工作日内回复。</Text>
      </View>
    </PageRoot>
  )
})

export default observer(AskPage)
