/**
 * 账号与安全 → 更正姓名或手机号 (issue 19): what the union has on file, the open request (with 撤回) or the last
 * decision, and the form — a new name and/or phone and an optional reason, kept on the device as it is typed. The tap
 * that sends it also asks WeChat for the 会籍变更结果 notice. Nickname and avatar are edited directly on 我的.
 */
import { observer } from 'mobx-react-lite'
import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import { CORRECTION_FIELD_LABELS, CORRECTION_STATUS_LABELS } from '@contract/privacy/labels'
import type { PrivacyOverview } from '@contract/privacy/schemas'
import { pages } from '@contract/pages'
import { FieldError } from '../../../components/FieldError'
import { useStores } from '../../../stores/context'
import { go } from '../../../platform/ui'
import { formatDateTime } from '../../../utils/date'
import type { CorrectionStore } from '../stores/CorrectionStore'

interface Props {
  o: PrivacyOverview
  store: CorrectionStore
  /** Reload the overview after a request or a withdrawal. */
  reload: () => void
}

export const CorrectionCard = observer(function CorrectionCard({ o, store, reload }: Props) {
  const { subscriptions } = useStores()
  const c = o.correction
  const v = store.value
  const e = store.errors
  const pending = c?.status === 'pending'

  const submit = async () => {
    void subscriptions.ask(['membership_change'])
    if (await store.submit()) reload()
  }

  return (
    <View className='card correction-card'>
      {o.onFile ? (
        <View className='correction-on-file'>
          <Text className='p-para'>
            会籍登记的姓名：<Text className='on-file-name'>{o.onFile.name}</Text>
          </Text>
          <Text className='p-para'>会籍登记的手机号：{o.onFile.phoneMasked ?? '未登记'}</Text>
        </View>
      ) : null}
      <Text className='p-para muted'>
        姓名和手机号是工会核实过的实名信息，更正需由您所在工会审核；昵称和头像可在
        <Text className='link' onClick={() => go(pages.mine.path)}>我的</Text>
        页直接修改。
      </Text>

      {c && c.status !== 'withdrawn' ? (
        <View className={`correction-state correction-${c.status}`} role='status'>
          <Text className='p-para'>
            {formatDateTime(c.requestedAt)} 申请更正{c.fields.map((f) => CORRECTION_FIELD_LABELS[f]).join('和')}：{CORRECTION_STATUS_LABELS[c.status]}
            {c.status === 'pending' && c.name ? `（新姓名：${c.name}）` : ''}
            {c.status === 'pending' && c.phoneMasked ? `（新手机号：${c.phoneMasked}）` : ''}
          </Text>
          {c.status === 'rejected' && c.rejectNote ? <Text className='p-para correction-reject-note'>工会说明：{c.rejectNote}</Text> : null}
        </View>
      ) : null}

      {pending ? (
        <Button className='btn btn-ghost correction-withdraw' disabled={store.withdrawing || undefined} onClick={() => void store.withdraw().then((ok) => ok && reload())}>
          撤回更正申请
        </Button>
      ) : o.onFile ? (
        <View className='correction-form'>
          <Text className='form-label'>正确的姓名</Text>
          <Input
            className='form-input correction-name'
            nativeProps={{ 'aria-label': '正确的姓名' }}
            placeholder='与身份证一致，无需更正请留空'
            maxlength={20}
            value={v.name}
            onInput={(x) => store.set('name', x.detail.value)}
          />
          <FieldError message={e.name} />
          <Text className='form-label'>正确的手机号</Text>
          <Input
            className='form-input correction-phone'
            nativeProps={{ 'aria-label': '正确的手机号' }}
            type='number'
            placeholder='11 位手机号，无需更正请留空'
            maxlength={11}
            value={v.phone}
            onInput={(x) => store.set('phone', x.detail.value)}
          />
          <FieldError message={e.phone} />
          <Text className='form-label'>更正说明（选填）</Text>
          <Textarea
            className='form-textarea correction-reason'
            nativeProps={{ 'aria-label': '更正说明（选填）' }}
            placeholder='如：改名后的新身份证已换发'
            maxlength={200}
            value={v.reason}
            onInput={(x) => store.set('reason', x.detail.value)}
          />
          <FieldError message={e.reason} />
          {store.formError ? (
            <View className='security-note security-note-error correction-error' role='alert'>
              {store.formError}
            </View>
          ) : null}
          <Button className='btn btn-primary correction-submit' loading={store.submitting || undefined} disabled={store.submitting || undefined} onClick={() => void submit()}>
            提交更正申请
          </Button>
        </View>
      ) : (
        <Text className='muted correction-none'>入会后可申请更正会籍中的姓名和手机号。</Text>
      )}
      {pending && store.formError ? (
        <View className='security-note security-note-error' role='alert'>
          {store.formError}
        </View>
      ) : null}
    </View>
  )
})
