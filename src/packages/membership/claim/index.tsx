/**
 * 会员认证: a person whose union already registered them (会员实名制台账) confirms who they are — real name, ID
 * number and the last 4 digits of the phone on the roster — and is a member at once, with the card. A mismatch gets
 * one answer that names no field (the server's), and the way on: 入会申请. Nothing typed is kept on the device: it is
 * an ID number, and the form is three fields.
 */
import { useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Input, Text, View } from '@tarojs/components'
import { rosterApi } from '@contract/roster/api'
import { RosterReasons } from '@contract/roster/reasons'
import { RosterClaimBody } from '@contract/roster/schemas'
import { pages } from '@contract/pages'
import { useStores } from '../../../stores/context'
import { Loading } from '../../../components/Loading'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { FieldError } from '../../../components/FieldError'
import { LoginRequired } from '../../../components/LoginRequired'
import { hasReason, isApiError } from '../../../api/errors'
import { replaceWith, toast } from '../../../platform/ui'
import { membershipStoreOf } from '../stores'
import { PageRoot } from '../../../components/PageRoot'
import '../membership.css'

type Field = 'name' | 'idNumber' | 'phoneTail'

function ClaimPage() {
  const root = useStores()
  const authed = root.session.isAuthenticated
  const [f, setF] = useState<Record<Field, string>>({ name: '', idNumber: '', phoneTail: '' })
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({})
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const set = (k: Field, v: string) => {
    setF((p) => ({ ...p, [k]: v }))
    setErrors((e) => ({ ...e, [k]: '' }))
  }
  const noMatch = hasReason(error, RosterReasons.ROSTER_NO_MATCH) || hasReason(error, RosterReasons.ROSTER_CLAIMS_EXCEEDED)

  const submit = async () => {
    const parsed = RosterClaimBody.safeParse(f)
    if (!parsed.success) {
      const e: Partial<Record<Field, string>> = {}
      for (const i of parsed.error.issues) {
        const k = String(i.path[0]) as Field
        if (!e[k]) e[k] = i.message
      }
      return setErrors(e)
    }
    setBusy(true)
    setError(null)
    try {
      await root.api.send(rosterApi.claim, { body: parsed.data })
      await Promise.all([root.session.refreshMe(), membershipStoreOf(root).load()])
      toast('会员认证成功', 'success')
      replaceWith(pages.membership.card.path)
    } catch (err) {
      if (isApiError(err) && Object.keys(err.fields).length) setErrors(err.fields)
      setError(err)
    } finally {
      setBusy(false)
    }
  }

  const field = (k: Field, label: string, props: { placeholder: string; maxlength: number; type?: 'text' | 'idcard' | 'number' }) => (
    <View className={`form-field field-${k}`}>
      <Text className='form-label'>{label}</Text>
      <Input className='form-input' value={f[k]} type={props.type ?? 'text'} maxlength={props.maxlength} placeholder={props.placeholder} onInput={(e) => set(k, e.detail.value)} />
      <FieldError message={errors[k]} />
    </View>
  )

  if (root.session.status === 'unknown') return <Loading />
  if (!authed) return <LoginRequired hint='登录后进行会员认证' />
  return (
    <PageRoot className='page claim-page'>
      <View className='notice'>
        <Text>所在单位工会已为您登记会员信息的，填写以下信息即可认证，认证后立即获得电子会员卡。信息仅用于与工会会员台账核对。</Text>
      </View>
      <View className='card'>
        {field('name', '真实姓名', { placeholder: '与身份证一致', maxlength: 20 })}
        {field('idNumber', '身份证号', { placeholder: '18 位身份证号', maxlength: 18, type: 'idcard' })}
        {field('phoneTail', '手机号后 4 位', { placeholder: '工会登记的手机号后 4 位', maxlength: 4, type: 'number' })}
        {noMatch ? (
          <View className='claim-no-match'>
            <ErrorMessage error={error} />
            <Button className='btn btn-ghost btn-block claim-to-join' onClick={() => replaceWith(pages.membership.join.path)}>
              去填写入会申请
            </Button>
          </View>
        ) : (
          <ErrorMessage error={error} />
        )}
        <Button className='btn btn-primary btn-block claim-submit' loading={busy || undefined} disabled={busy || undefined} onClick={() => void submit()}>
          认证
        </Button>
      </View>
    </PageRoot>
  )
}

export default observer(ClaimPage)
