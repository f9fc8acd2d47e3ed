/**
 * 下级工会自设类型范围 in a side panel: for one of the admin's unions, what binds the types its sub-unions create
 * themselves (每件最高金额, 允许收集的字段类型), and, read-only, what binds this union's own types (set above it).
 * The check and its messages are the mini-program's (relief-staff/stores/limits-form.ts); the server's refusals
 * land beside their fields, the rest above the button; what was typed stays.
 */
import { useEffect, useState } from 'react'
import { Alert, App, Button, Checkbox, Drawer, Form, Input, Select, Space, Spin, Typography } from 'antd'
import { reliefApi } from '@contract/relief/api'
import { DEFAULT_SUB_TYPE_LIMITS, FIELD_KINDS, FIELD_KIND_KEYS, type FieldKind } from '@contract/relief/labels'
import type { TypeLimitsView } from '@contract/relief/schemas'
import { isApiError } from '@/api/errors'
import { checkLimits } from '@/packages/relief-staff/stores/limits-form'
import { useConsole, useSessionState } from '../../console'

const kindsText = (kinds: readonly FieldKind[]) => kinds.map((k) => FIELD_KINDS[k]).join('、')

export function LimitsDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { user } = useSessionState()
  const orgs = [...new Map((user?.roles ?? []).filter((g) => g.role === 'admin').map((g) => [g.orgId, { value: g.orgId, label: g.orgName }])).values()]
  const [picked, setPicked] = useState<number | null>(null)
  const orgId = picked ?? orgs[0]?.value ?? null
  return (
    <Drawer open={open} onClose={onClose} size={640} title="下级工会自设类型范围" destroyOnHidden>
      <Form layout="vertical" component="div">
        <Form.Item label="工会" htmlFor="limits-org">
          <Select id="limits-org" aria-label="工会" style={{ width: 320 }} value={orgId ?? undefined} options={orgs} onChange={(v: number) => setPicked(v)}
            notFoundContent="您没有可管理的工会" />
        </Form.Item>
        {open && orgId !== null && <LimitsFor key={orgId} orgId={orgId} />}
      </Form>
    </Drawer>
  )
}

function LimitsFor({ orgId }: { orgId: number }) {
  const { api } = useConsole()
  const [view, setView] = useState<TypeLimitsView | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [attempt, setAttempt] = useState(0)
  useEffect(() => {
    let live = true
    setLoadError(null)
    api
      .send(reliefApi.typeLimits, { params: { orgId } })
      .then((v) => live && setView(v))
      .catch((err: unknown) => live && setLoadError(isApiError(err) ? err.message : '加载失败'))
    return () => {
      live = false
    }
  }, [api, orgId, attempt])
  if (loadError) return <Alert type="error" showIcon title={loadError} action={<Button size="small" onClick={() => setAttempt((n) => n + 1)}>重试</Button>} />
  if (!view) return <Spin aria-label="加载中" />
  return (
    <>
      <Typography.Title level={5}>本工会自设类型须遵守</Typography.Title>
      <Typography.Paragraph type="secondary">
        {view.effective
          ? `上级工会设定：每件最高 ¥${view.effective.maxAmount}；可收集：${kindsText(view.effective.fieldKinds)}`
          : `${view.org.name}是最上级工会，自设类型不受上级限制。`}
      </Typography.Paragraph>
      <LimitsForm view={view} onSaved={setView} />
    </>
  )
}

function LimitsForm({ view, onSaved }: { view: TypeLimitsView; onSaved: (v: TypeLimitsView) => void }) {
  const { api } = useConsole()
  const { message } = App.useApp()
  const start = view.own ?? view.effective ?? DEFAULT_SUB_TYPE_LIMITS
  const [maxAmount, setMaxAmount] = useState(String(start.maxAmount))
  const [kinds, setKinds] = useState<FieldKind[]>([...start.fieldKinds])
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const save = async () => {
    const checked = checkLimits(maxAmount, kinds)
    if (!checked.ok) {
      setErrors(checked.errors)
      document.getElementById(checked.errors.maxAmount ? 'limits-maxAmount' : 'limits-fieldKinds')?.querySelector<HTMLElement>('input')?.focus()
      if (checked.errors.maxAmount) document.getElementById('limits-maxAmount')?.focus()
      return
    }
    setBusy(true)
    setError(null)
    try {
      const saved = await api.send(reliefApi.setTypeLimits, { params: { orgId: view.org.id }, body: checked.body })
      setErrors({})
      message.success('已保存')
      onSaved(saved)
    } catch (err) {
      setErrors(isApiError(err) ? err.fields : {})
      setError(isApiError(err) ? err.message : '保存失败，请稍后再试')
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <Typography.Title level={5}>为{view.org.name}的下级工会设定</Typography.Title>
      <Typography.Paragraph type="secondary">下级工会自设的救助类型：每件金额不能超过上限，只能收集勾选的字段类型。各级工会的设定同时适用，以最严者为准。</Typography.Paragraph>
      <Form.Item label="每件最高金额（元）" htmlFor="limits-maxAmount" validateStatus={errors.maxAmount ? 'error' : undefined} help={errors.maxAmount || undefined}>
        <Input id="limits-maxAmount" aria-label="每件最高金额（元）" inputMode="numeric" style={{ width: 200 }} value={maxAmount} status={errors.maxAmount ? 'error' : undefined}
          onChange={(e) => {
            setMaxAmount(e.target.value)
            setErrors((x) => ({ ...x, maxAmount: '' }))
          }} />
      </Form.Item>
      <Form.Item label="允许收集的字段类型" htmlFor="limits-fieldKinds" validateStatus={errors.fieldKinds ? 'error' : undefined}
        help={errors.fieldKinds || undefined} extra="身份证号、手机号码、病情/诊断属于敏感个人信息，下级工会收集时始终加密保存。">
        <div id="limits-fieldKinds" role="group" aria-label="允许收集的字段类型">
          <Checkbox.Group value={kinds} options={FIELD_KIND_KEYS.map((k) => ({ value: k, label: FIELD_KINDS[k] }))}
            onChange={(v) => {
              setKinds(v as FieldKind[])
              setErrors((x) => ({ ...x, fieldKinds: '' }))
            }} />
        </div>
      </Form.Item>
      {error && <Alert role="alert" type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Space>
        <Button type="primary" loading={busy} onClick={() => void save()}>保存范围</Button>
      </Space>
    </>
  )
}
