/**
 * 下级工会自设类型范围 (?orgId=): what binds the types the unions below one of the admin's unions create themselves —
 * the most one case may receive and the field kinds they may collect — and, read-only, what binds this union's own
 * types (set above it). Refusals beside their fields; what was typed stays.
 */
import { useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Input, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { reliefApi } from '@contract/relief/api'
import { DEFAULT_SUB_TYPE_LIMITS, FIELD_KINDS, FIELD_KIND_KEYS, type FieldKind } from '@contract/relief/labels'
import type { TypeLimitsView } from '@contract/relief/schemas'
import { useStores } from '../../../stores/context'
import { useResource } from '../../../hooks/useResource'
import { isApiError } from '../../../api/errors'
import { toast } from '../../../platform/ui'
import { Chips, optionsOf } from '../../../components/Chips'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { FieldError } from '../../../components/FieldError'
import { Loading } from '../../../components/Loading'
import { LoginRequired } from '../../../components/LoginRequired'
import { ResourceView } from '../../../components/ResourceView'
import { adminOrgs } from '../stores/admin-orgs'
import { checkLimits } from '../stores/limits-form'
import { PageRoot } from '../../../components/PageRoot'
import '../detail/relief-staff.css'

const KIND_OPTIONS = optionsOf(FIELD_KIND_KEYS, FIELD_KINDS)
const kindsText = (kinds: readonly FieldKind[]) => kinds.map((k) => FIELD_KINDS[k]).join('、')

/** The form for one union's limits, starting from what it has set (else what binds it, else the defaults). */
function LimitsForm({ view, onSaved }: { view: TypeLimitsView; onSaved: (v: TypeLimitsView) => void }) {
  const root = useStores()
  const start = view.own ?? view.effective ?? DEFAULT_SUB_TYPE_LIMITS
  const [maxAmount, setMaxAmount] = useState(String(start.maxAmount))
  const [kinds, setKinds] = useState<FieldKind[]>([...start.fieldKinds])
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)

  const toggle = (k: FieldKind) => {
    setKinds((ks) => (ks.includes(k) ? ks.filter((x) => x !== k) : [...ks, k]))
    setErrors((e) => ({ ...e, fieldKinds: '' }))
  }
  const save = async () => {
    const checked = checkLimits(maxAmount, kinds)
    if (!checked.ok) {
      setErrors(checked.errors)
      return
    }
    setBusy(true)
    setError(null)
    try {
      const saved = await root.api.send(reliefApi.setTypeLimits, {
        params: { orgId: view.org.id },
        body: checked.body,
      })
      setErrors({})
      toast('已保存', 'success')
      onSaved(saved)
    } catch (err) {
      // maxAmount / fieldKinds beside their fields; RELIEF_LIMITS_FORBIDDEN (not this union's admin) above the button
      setErrors(isApiError(err) ? err.fields : {})
      setError(err)
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <Text className='section-title'>为{view.org.name}的下级工会设定</Text>
      <View className='card'>
        <Text className='form-hint'>下级工会自设的救助类型：每件金额不能超过上限，只能收集勾选的字段类型。各级工会的设定同时适用，以最严者为准。</Text>
        <View className='form-field field-maxAmount'>
          <Text className='form-label'>每件最高金额（元）</Text>
          <Input
            className='form-input'
            type='number'
            value={maxAmount}
            aria-label='每件最高金额（元）'
            nativeProps={{ 'aria-label': '每件最高金额（元）' }}
            onInput={(ev) => {
              setMaxAmount(ev.detail.value)
              setErrors((x) => ({ ...x, maxAmount: '' }))
            }}
          />
          <FieldError message={errors.maxAmount} />
        </View>
        <View className='form-field field-fieldKinds'>
          <Text className='form-label'>允许收集的字段类型</Text>
          <Chips variant='choice' multi label='允许收集的字段类型' options={KIND_OPTIONS} value={kinds} onChange={toggle} optionClass={(k) => `kind-${k}`} />
          <Text className='form-hint'>身份证号、手机号码、病情/诊断属于敏感个人信息，下级工会收集时始终加密保存。</Text>
          <FieldError message={errors.fieldKinds} />
        </View>
        <ErrorMessage error={error} />
        <Button className='btn btn-primary btn-block save-limits-btn' loading={busy || undefined} disabled={busy || undefined} onClick={() => void save()}>
          保存范围
        </Button>
      </View>
    </>
  )
}

function TypeLimitsPage() {
  const root = useStores()
  const orgs = adminOrgs(root)
  const asked = Number(useRouter().params.orgId) || null
  const [picked, setPicked] = useState<number | null>(asked)
  const orgId = picked ?? orgs[0]?.id ?? null
  const authed = root.session.isAuthenticated
  const [saved, setSaved] = useState<TypeLimitsView | null>(null)
  const resource = useResource(
    () => (authed && orgId !== null ? root.api.send(reliefApi.typeLimits, { params: { orgId } }) : Promise.resolve(null)),
    [root, orgId, authed],
  )

  if (root.session.status === 'unknown') return <Loading />
  if (!authed) return <LoginRequired hint='登录后设置下级工会自设救助类型的范围' />

  return (
    <PageRoot className='page type-limits-page'>
      <View className='card'>
        <View className='form-field field-orgId'>
          <Text className='form-label'>工会</Text>
          {orgs.length > 1 ? (
            <Chips variant='choice' label='工会' options={orgs.map((o) => ({ value: o.id, label: o.name }))} value={orgId ?? undefined} onChange={(id) => setPicked(id ?? null)} optionClass={(id) => `org-${id}`} />
          ) : (
            <Text className='form-readonly'>{orgs[0]?.name ?? '您没有可管理的工会'}</Text>
          )}
        </View>
      </View>
      <ResourceView resource={resource}>
        {(data) => {
          if (!data) return null
          const view = saved && saved.org.id === data.org.id ? saved : data
          return (
            <>
              <Text className='section-title'>本工会自设类型须遵守</Text>
              <View className='card limits-effective'>
                {view.effective ? (
                  <Text className='muted'>
                    上级工会设定：每件最高 ¥{view.effective.maxAmount}；可收集：{kindsText(view.effective.fieldKinds)}
                  </Text>
                ) : (
                  <Text className='muted'>{view.org.name}是最上级工会，自设类型不受上级限制。</Text>
                )}
              </View>
              <LimitsForm key={view.org.id} view={view} onSaved={setSaved} />
            </>
          )
        }}
      </ResourceView>
    </PageRoot>
  )
}

export default observer(TypeLimitsPage)
