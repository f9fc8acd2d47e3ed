import { pages } from '@contract/pages'
import { useEffect, useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Input, Text, View } from '@tarojs/components'
import { EMPLOYMENT_TYPE_KEYS, EMPLOYMENT_TYPES } from '@contract/membership/labels'
import { useStores } from '../../../stores/context'
import { phone } from '../../../platform/phone'
import { go, replaceWith, toast } from '../../../platform/ui'
import { Loading } from '../../../components/Loading'
import { EmptyState } from '../../../components/EmptyState'
import { LoginRequired } from '../../../components/LoginRequired'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { FieldError } from '../../../components/FieldError'
import { Chips, optionsOf, type ChipOption } from '../../../components/Chips'
import { PrivacyPopup } from '../../../components/PrivacyPopup'
import { formatDate } from '../../../utils/date'
import { membershipStoreOf } from '../stores'
import type { MembershipStore } from '../stores/MembershipStore'
import { PageRoot } from '../../../components/PageRoot'
import '../membership.css'

export const DISTRICT_FALLBACK_LABEL = '由区总工会兜底（所在平台暂无工会）'
export const SENSITIVE_PURPOSE = '身份证号仅用于实名入会核验，加密存储，仅所属工会审核人员可查看'
/** Beside an empty ID number / phone field whose number the server keeps (shown masked in the placeholder). */
export const KEPT_HINTS = {
  application: '身份证号与手机号已随上次申请加密保存，留空即沿用',
  draft: '已加密保存在草稿中的号码仅显示部分，留空即沿用',
} as const

/**
 * One tap per choice: short option lists (7 employment types, a handful of unions) as chips rather than a picker
 * wheel, which on a cheap phone in a hurry costs a swipe, a wait and a confirm.
 */
const EMPLOYMENT_OPTIONS = optionsOf(EMPLOYMENT_TYPE_KEYS, EMPLOYMENT_TYPES)
/** The chip of 由区总工会兜底 (orgId null in the form). */
const DISTRICT = 'district'
type OrgChoice = number | typeof DISTRICT | undefined

function Check({ checked, onToggle, children }: { checked: boolean; onToggle: () => void; children: React.ReactNode }) {
  return (
    // The row is the checkbox (named by its text), so a screen reader and a tap both reach one control.
    <View className='check-row' onClick={onToggle} role='checkbox' aria-checked={checked}>
      <View className='checkbox' aria-hidden data-checked={checked ? 'true' : 'false'}>
        {checked ? '✓' : ''}
      </View>
      <Text className='check-text'>{children}</Text>
    </View>
  )
}

/** The form itself: mounted only once the draft is restored, so every Input starts with its value. */
const JoinFormView = observer(function JoinFormView({ membership }: { membership: MembershipStore }) {
  const { join: store, unions } = membership
  const f = store.form
  const err = store.fieldErrors
  const kept = store.keptOnFile
  const keptHint = kept && ((kept.idNumber && !f.idNumber) || (kept.phone && !f.phone)) ? KEPT_HINTS[kept.source] : null
  const blur = () => void store.flushDraft()
  const [phoneBusy, setPhoneBusy] = useState(false)

  const orgOptions: ChipOption<OrgChoice>[] = [
    ...unions.options.map((u) => ({ value: u.id, label: u.name })),
    { value: DISTRICT, label: DISTRICT_FALLBACK_LABEL },
  ]
  const chooseOrg = (v: OrgChoice) => {
    if (v !== undefined) unions.choose(v === DISTRICT ? null : (unions.options.find((u) => u.id === v) ?? null))
  }
  const query = unions.query.trim()

  const { subscriptions } = useStores()
  useEffect(() => subscriptions.prepare(), [subscriptions])
  const submit = async () => {
    // From the tap, before anything is awaited: WeChat's dialog for the review result; never holds the submit up.
    void subscriptions.ask(['join_result'])
    const ok = await store.submit()
    if (ok) {
      toast('已提交，请等待审核', 'success')
      replaceWith(pages.membership.status.path)
    }
  }

  const onPhoneCode = async (detail: unknown) => {
    const r = phone.codeFrom(detail)
    if (!r.ok) return toast(r.message)
    setPhoneBusy(true)
    await store.exchangePhone(r.code)
    setPhoneBusy(false)
  }

  return (
    <View>
      <View className='card'>
        <View className='form-field field-name'>
          <Text className='form-label'>真实姓名</Text>
          <Input
            className='form-input'
            value={f.name ?? ''}
            maxlength={20}
            placeholder='与身份证一致'
            onInput={(e) => store.setField('name', e.detail.value)}
            onBlur={blur}
          />
          <FieldError message={err.name} />
        </View>
        <View className='form-field field-idNumber'>
          <Text className='form-label'>身份证号</Text>
          <Input
            className='form-input'
            type='idcard'
            value={f.idNumber ?? ''}
            maxlength={18}
            placeholder={kept?.idNumber ? `已保存 ${kept.idNumber}，无需修改可留空` : '18 位居民身份证号码'}
            onInput={(e) => store.setField('idNumber', e.detail.value.toUpperCase())}
            onBlur={blur}
          />
          <FieldError message={err.idNumber} />
          {keptHint ? <Text className='form-hint kept-on-file'>{keptHint}</Text> : null}
          {store.idInfo ? (
            <Text className='form-readonly id-derived'>
              出生日期 {formatDate(store.idInfo.birthDate)} · 性别 {store.idInfo.gender === 'male' ? '男' : '女'}
            </Text>
          ) : null}
        </View>
        <View className='form-field field-phone'>
          <Text className='form-label'>手机号</Text>
          <View className='phone-row'>
            <Input
              className='form-input'
              type='number'
              value={f.phone ?? ''}
              maxlength={11}
              placeholder={kept?.phone ? `已保存 ${kept.phone}，无需修改可留空` : '11 位手机号码'}
              onInput={(e) => store.setField('phone', e.detail.value)}
              onBlur={blur}
            />
            {phone.viaWechat ? (
              <Button
                className='btn btn-ghost btn-small'
                openType='getPhoneNumber'
                loading={phoneBusy || undefined}
                disabled={phoneBusy || undefined}
                onGetPhoneNumber={(e) => void onPhoneCode(e.detail)}
              >
                微信手机号
              </Button>
            ) : null}
          </View>
          <FieldError message={err.phone} />
        </View>
        <View className='form-field field-employer'>
          <Text className='form-label'>工作单位</Text>
          {f.noFixedEmployer ? null : (
            <Input
              className='form-input'
              value={f.employer ?? ''}
              maxlength={60}
              placeholder='单位全称；平台劳动者可填所在平台或站点'
              onInput={(e) => store.setField('employer', e.detail.value)}
              onBlur={blur}
            />
          )}
          <View className='no-fixed-employer'>
            <Check checked={!!f.noFixedEmployer} onToggle={() => store.setField('noFixedEmployer', !f.noFixedEmployer)}>
              无固定单位
            </Check>
          </View>
          <FieldError message={err.employer} />
        </View>
        <View className='form-field field-employmentType'>
          <Text className='form-label'>就业形态</Text>
          <Chips variant='choice' label='就业形态' options={EMPLOYMENT_OPTIONS} value={f.employmentType} onChange={(v) => store.setField('employmentType', v)} />
          <FieldError message={err.employmentType} />
        </View>
        <View className='form-field field-orgId'>
          <Text className='form-label'>所属工会</Text>
          {unions.searchable ? (
            <Input
              className='form-input union-search'
              value={unions.query}
              maxlength={40}
              placeholder='输入工会名称搜索'
              onInput={(e) => unions.search(e.detail.value)}
            />
          ) : null}
          {unions.options.length > 0 ? (
            <Chips variant='choice' label='所属工会' options={orgOptions} value={(f.orgId === null ? DISTRICT : f.orgId) as OrgChoice} onChange={chooseOrg} />
          ) : null}
          {unions.more ? <Text className='form-hint union-more'>仅显示部分工会，找不到请输入更完整的名称</Text> : null}
          {unions.searchable && query && unions.items.length === 0 ? (
            <Text className='form-hint union-none'>没有找到名称含“{query}”的工会，可选择由区总工会兜底</Text>
          ) : null}
          {unions.error ? <ErrorMessage error={unions.error} onRetry={() => void unions.load()} /> : null}
          <FieldError message={err.orgId} />
        </View>
        <View className='form-field field-consentSensitive'>
          <Check checked={f.consentSensitive === true} onToggle={() => store.setField('consentSensitive', !f.consentSensitive)}>
            我同意工会处理我的身份证号等敏感个人信息：{SENSITIVE_PURPOSE}。
          </Check>
          <FieldError message={err.consentSensitive} />
        </View>
      </View>

      <ErrorMessage error={store.submitError} />
      <Button
        className='btn btn-primary btn-block submit-btn'
        loading={store.submitting || undefined}
        disabled={store.submitting || undefined}
        onClick={() => void submit()}
      >
        提交申请
      </Button>
      {store.draftState === 'saved' || store.draftState === 'local' ? (
        <Text className='draft-hint'>{store.draftState === 'saved' ? '草稿已保存' : '草稿已保存（本机）'}</Text>
      ) : store.draftState === 'saving' ? (
        <Text className='draft-hint'>草稿保存中…</Text>
      ) : null}
    </View>
  )
})

function JoinPage() {
  const root = useStores()
  const store = membershipStoreOf(root)
  const form = store.join
  const authed = root.session.isAuthenticated
  // The form mounts only after this visit's load: Taro's H5 Input must not see its value change before it has loaded.
  const [ready, setReady] = useState(false)

  useEffect(() => {
    if (!authed) return undefined
    let live = true
    // Unions after the draft: the chosen one is asked for by id (it may be past the first page).
    void store.load().finally(() => {
      if (live) setReady(true)
      void store.unions.load()
    })
    return () => {
      live = false
      void form.flushDraft()
    }
  }, [authed, store, form])

  if (root.session.status === 'unknown') return <Loading />
  if (!authed) {
    return <LoginRequired hint='登录后即可在线申请入会' />
  }
  if (!ready) return <Loading />
  if (!store.loaded && store.loadError && !form.form.name && !form.form.idNumber) {
    return (
      <PageRoot className='page'>
        <ErrorMessage error={store.loadError} onRetry={() => void store.load()} />
      </PageRoot>
    )
  }
  if (store.membership) {
    return (
      <PageRoot className='page'>
        <View className='card'>
          <EmptyState title='您已是工会会员' hint={`会员号 ${store.membership.memberNo}`} actionText='查看电子会员卡' onAction={() => go(pages.membership.card.path)} />
        </View>
      </PageRoot>
    )
  }
  if (store.application && store.application.status === 'submitted') {
    return (
      <PageRoot className='page'>
        <View className='card'>
          <EmptyState title='您的入会申请正在审核中' hint='审核结果出来后会在这里显示' actionText='查看审核进度' onAction={() => go(pages.membership.status.path)} />
        </View>
      </PageRoot>
    )
  }

  return (
    <PageRoot className='page join-page'>
      {store.isRejected && store.application ? (
        <View className='notice reject-notice'>
          <Text className='notice-title'>上次申请未通过</Text>
          <Text className='reject-reason-text'>原因：{store.application.rejectReason ?? '未说明'}</Text>
          <Text className='muted'>请按原因修改后重新提交（身份证号、手机号已加密保存，无需修改可留空）。</Text>
        </View>
      ) : (
        <View className='notice'>
          <Text>加入工会，享受会员福利与权益保障。填写内容会自动保存为草稿。</Text>
        </View>
      )}
      {store.claimAvailable ? (
        <View className='card claim-offer' onClick={() => go(pages.membership.claim.path)}>
          <Text className='claim-offer-title'>已经是工会会员？</Text>
          <Text className='muted'>所在单位工会已登记您的会员信息的，可直接会员认证，无需再次申请和审核。</Text>
          <Text className='claim-offer-link'>去会员认证 ›</Text>
        </View>
      ) : null}
      <ErrorMessage error={store.loadError} onRetry={() => void store.load()} />
      <JoinFormView membership={store} />
      <PrivacyPopup />
    </PageRoot>
  )
}

export default observer(JoinPage)
