/**
 * 新建救助类型 / 编辑救助类型 in a side panel. The form is the mini-program's `AidTypeEditor`
 * (src/packages/relief-staff/stores, no Taro): the same state, the contract's schema and consistency check, the same
 * Chinese messages beside each field, the server's refusals by field (and the owner's by reason beside 所属工会),
 * and the draft kept in this browser at every change. The application form's own fields and steps are edited on the
 * phone (救助类型管理 in the mini-program); they are kept and sent back unchanged here.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react'
import { observer } from 'mobx-react-lite'
import { Alert, App, Button, Card, Checkbox, Drawer, Form, Input, Radio, Select, Space, Spin, Typography } from 'antd'
import { reliefApi } from '@contract/relief/api'
import { EMPLOYMENT_TYPES, type EmploymentType } from '@contract/membership/labels'
import type { AidType, TypeLimitsView } from '@contract/relief/schemas'
import { isApiError } from '@/api/errors'
import { AidTypeEditor } from '@/packages/relief-staff/stores/AidTypeEditor'
import { AMOUNT_CHOICES, LEVEL_CHOICES, WINDOW_CHOICES } from '@/packages/relief-staff/stores/type-labels'
import type { TypeForm } from '@/packages/relief-staff/stores/type-form'
import { useConsole, useSessionState } from '../../console'
import { browserStorage } from '../../work/storage'

/** The element id of the field an error path names (`amount.max` → aid-field-amount-max). */
export const fieldId = (path: string) => `aid-field-${path.replace(/\./g, '-')}`

export function TypeEditDrawer({ typeKey, onClose, onSaved }: { typeKey: string | null; onClose: () => void; onSaved: (t: AidType) => void }) {
  return (
    <Drawer open={typeKey !== null} onClose={onClose} size={760} title={typeKey ? '编辑救助类型' : '新建救助类型'} destroyOnHidden>
      {typeKey !== null && <EditorFor key={typeKey || 'new'} typeKey={typeKey} onClose={onClose} onSaved={onSaved} />}
    </Drawer>
  )
}

function EditorFor({ typeKey, onClose, onSaved }: { typeKey: string; onClose: () => void; onSaved: (t: AidType) => void }) {
  const { api } = useConsole()
  const { user } = useSessionState()
  const userRef = useRef(user)
  userRef.current = user
  const [editor] = useState(() => {
    const e = new AidTypeEditor(
      {
        api,
        storage: browserStorage,
        userId: () => userRef.current?.id ?? null,
        orgs: () => (userRef.current?.roles ?? []).filter((g) => g.role === 'admin').map((g) => ({ id: g.orgId, name: g.orgName })),
      },
      typeKey,
    )
    if (!typeKey) e.startNew()
    return e
  })
  const [loadError, setLoadError] = useState<string | null>(null)
  const [attempt, setAttempt] = useState(0)
  useEffect(() => () => editor.dispose(), [editor])
  useEffect(() => {
    if (!typeKey) return
    let live = true
    setLoadError(null)
    api
      .send(reliefApi.manageType, { params: { key: typeKey } })
      .then((t) => live && editor.open(t))
      .catch((err: unknown) => live && setLoadError(isApiError(err) ? err.message : '加载失败'))
    return () => {
      live = false
    }
  }, [api, editor, typeKey, attempt])

  if (loadError) return <Alert type="error" showIcon title={loadError} action={<Button size="small" onClick={() => setAttempt((n) => n + 1)}>重试</Button>} />
  return <TypeForm editor={editor} onClose={onClose} onSaved={onSaved} />
}

function Item({ editor, path, label, extra, children }: { editor: AidTypeEditor; path: string | string[]; label: string; extra?: ReactNode; children: ReactNode }) {
  const paths = Array.isArray(path) ? path : [path]
  const message = paths.map((p) => editor.errors[p]).find(Boolean)
  return (
    <Form.Item label={label} htmlFor={fieldId(paths[0])} validateStatus={message ? 'error' : undefined} help={message || undefined} extra={extra}>
      {children}
    </Form.Item>
  )
}

type TextKey = 'name' | 'description' | 'windowFrom' | 'windowTo' | 'amountMin' | 'amountMax' | 'baseDays' | 'districtDays' | 'summary' | 'minMembershipMonths' | 'perYear'

const Text = observer(function Text({ editor, k, path, label, placeholder, numeric, area, extra }: {
  editor: AidTypeEditor; k: TextKey; path: string; label: string; placeholder?: string; numeric?: boolean; area?: boolean; extra?: ReactNode
}) {
  const f = editor.form!
  const common = { id: fieldId(path), 'aria-label': label, placeholder, status: editor.errors[path] ? ('error' as const) : undefined }
  return (
    <Item editor={editor} path={path} label={label} extra={extra}>
      {area ? (
        <Input.TextArea {...common} rows={3} value={f[k]} onChange={(e) => editor.set(k, e.target.value)} />
      ) : (
        <Input {...common} inputMode={numeric ? 'numeric' : undefined} value={f[k]} onChange={(e) => editor.set(k, e.target.value)} />
      )}
    </Item>
  )
})

const TypeForm = observer(function TypeForm({ editor, onClose, onSaved }: { editor: AidTypeEditor; onClose: () => void; onSaved: (t: AidType) => void }) {
  const { message } = App.useApp()
  const { user } = useSessionState()
  if (!editor.form) return <Spin aria-label="加载中" />
  const f = editor.form
  const { errors, type, error } = editor
  const orgs = (user?.roles ?? []).filter((g) => g.role === 'admin').map((g) => ({ value: g.orgId, label: g.orgName }))
  const summaryError = errors['eligibility.summary'] ?? Object.entries(errors).find(([k]) => k.startsWith('eligibility.summary.'))?.[1]

  const save = async () => {
    const saved = await editor.save()
    if (!saved) {
      const first = Object.keys(editor.errors).find((k) => editor.errors[k])
      const el = first ? document.getElementById(fieldId(first)) : null
      const target = el?.matches('input, textarea, button') ? el : el?.querySelector<HTMLElement>('input, textarea, button')
      target?.focus()
      return
    }
    message.success(editor.creating ? '已新建救助类型' : '已保存')
    onSaved(saved)
  }

  return (
    <Form layout="vertical" component="div">
      {editor.restored && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title="已恢复您上次未保存的修改。"
          action={<Button size="small" onClick={() => editor.discard()}>放弃修改，重新载入</Button>} />
      )}
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Card title="基本信息" size="small">
          <Text editor={editor} k="name" path="name" label="类型名称" placeholder="如：青禾街道暖心补助" />
          <Text editor={editor} k="description" path="description" label="类型介绍" area placeholder="一段话介绍救助对象和内容，显示在会员看到的类型卡片上" />
          <Item editor={editor} path="orgId" label="所属工会（其下会员可申请）" extra={type ? '所属工会不能修改' : undefined}>
            {type ? (
              <Input id={fieldId('orgId')} aria-label="所属工会（其下会员可申请）" value={type.org.name} disabled />
            ) : (
              <Select id={fieldId('orgId')} aria-label="所属工会" style={{ width: 320 }} value={f.orgId ?? undefined} options={orgs}
                status={errors.orgId ? 'error' : undefined} onChange={(v: number) => editor.set('orgId', v)} />
            )}
          </Item>
          <Item editor={editor} path="active" label="是否受理">
            <Checkbox id={fieldId('active')} checked={f.active} onChange={(e) => editor.set('active', e.target.checked)}>启用（会员可以看到并申请；不勾选即暂停受理）</Checkbox>
          </Item>
        </Card>

        <Card title="受理时间" size="small">
          <Item editor={editor} path="window" label="受理时间">
            <Radio.Group id={fieldId('window')} aria-label="受理时间" value={f.windowKind} options={WINDOW_CHOICES} onChange={(e) => editor.set('windowKind', e.target.value as TypeForm['windowKind'])} />
          </Item>
          {f.windowKind === 'yearly' && (
            <Space size="large" wrap>
              <Text editor={editor} k="windowFrom" path="window.from" label="每年开始（月-日）" placeholder="07-01" />
              <Text editor={editor} k="windowTo" path="window.to" label="每年截止（月-日）" placeholder="09-30" extra="可跨年，如 12-01 至 02-28" />
            </Space>
          )}
        </Card>

        <Card title="金额规则" size="small">
          <Item editor={editor} path="amount" label="金额规则"
            extra={<>{f.amountKind === 'reviewer_set' ? null : <div>按单选项或行程距离定额的金额，在小程序“救助类型管理”中随申请表一起设置</div>}<CeilingHint orgId={f.orgId} /></>}>
            <Radio.Group id={fieldId('amount')} aria-label="金额规则" value={f.amountKind} onChange={(e) => editor.set('amountKind', e.target.value as TypeForm['amountKind'])}
              options={AMOUNT_CHOICES.map((o) => ({ ...o, disabled: o.value !== 'reviewer_set' && o.value !== f.amountKind }))} />
          </Item>
          {f.amountKind === 'reviewer_set' && (
            <Space size="large" wrap>
              <Text editor={editor} k="amountMin" path="amount.min" label="最低金额（元）" placeholder="如 200" numeric />
              <Text editor={editor} k="amountMax" path="amount.max" label="最高金额（元）" placeholder="如 2000" numeric extra="复核时在此范围内核定" />
            </Space>
          )}
        </Card>

        <Card title="审核" size="small">
          <Item editor={editor} path="reviewLevel" label="复核、公示和发放由哪一级工会办理" extra="初审由申请人所在的基层工会办理；复核层级不能低于所属工会。">
            <Select id={fieldId('reviewLevel')} aria-label="复核层级" style={{ width: 260 }} value={f.reviewLevel} options={LEVEL_CHOICES} onChange={(v: string) => editor.set('reviewLevel', v)} />
          </Item>
          <Space size="large" wrap>
            <Text editor={editor} k="baseDays" path="reviewWorkingDays.base" label="初审期限（工作日）" numeric />
            <Text editor={editor} k="districtDays" path="reviewWorkingDays.district" label="复核期限（工作日）" numeric />
          </Space>
          <Checkbox checked={f.requiresHomeVisit} onChange={(e) => editor.set('requiresHomeVisit', e.target.checked)}>初审通过前须入户走访</Checkbox>
        </Card>

        <Card title="申请条件" size="small">
          <Form.Item label="申请条件（每行一条，会员申请前看到）" htmlFor={fieldId('eligibility.summary')} validateStatus={summaryError ? 'error' : undefined} help={summaryError || undefined}>
            <Input.TextArea id={fieldId('eligibility.summary')} aria-label="申请条件（每行一条，会员申请前看到）" rows={3} value={f.summary}
              placeholder={'如：本街道辖区内工会会员\n同一年度限申请 1 次'} onChange={(e) => editor.set('summary', e.target.value)} />
          </Form.Item>
          <Item editor={editor} path="eligibility.employmentTypes" label="限定就业形态（不选则全部会员可申请）">
            <div id={fieldId('eligibility.employmentTypes')} role="group" aria-label="限定就业形态">
              <Checkbox.Group value={f.employmentTypes} onChange={(v) => editor.set('employmentTypes', v as EmploymentType[])}
                options={(Object.entries(EMPLOYMENT_TYPES) as [EmploymentType, string][]).map(([value, label]) => ({ value, label }))} />
            </div>
          </Item>
          <Space size="large" wrap>
            <Text editor={editor} k="minMembershipMonths" path="eligibility.minMembershipMonths" label="入会满几个月才能申请（可不填）" numeric />
            <Text editor={editor} k="perYear" path="limits.perYear" label="每人每年最多申请（次）" numeric />
          </Space>
        </Card>

        <DocumentsCard editor={editor} />

        <Card title="申请表" size="small">
          <Typography.Text type="secondary">
            申请表共 {f.steps.length} 步、{f.fields.length} 个字段（{f.fields.map((x) => x.label || x.key).join('、') || '无'}）。字段和步骤请在小程序“救助类型管理”中编辑，此处保存时保持不变。
          </Typography.Text>
          {Object.entries(errors).filter(([k]) => k === 'fields' || k.startsWith('fields.') || k.startsWith('steps')).map(([k, m]) => (
            <div key={k}><Typography.Text type="danger">{m}</Typography.Text></div>
          ))}
        </Card>

        {error !== null && (
          <Alert role="alert" type="error" showIcon
            title={typeof error === 'string' ? error : isApiError(error) ? (Object.keys(error.fields).length ? `${error.message}（见标红的项）` : error.message) : '保存失败，请稍后再试'} />
        )}
        <Space>
          <Button type="primary" loading={editor.busy} onClick={() => void save()}>{editor.creating ? '新建' : '保存修改'}</Button>
          <Button onClick={onClose}>取消</Button>
          <Typography.Text type="secondary">{editor.draft.state === 'local' ? '修改已暂存在本浏览器' : ''}</Typography.Text>
        </Space>
      </Space>
    </Form>
  )
})

/** What the limits set above the owning union allow one case (as on the phone): nothing for the root. */
function CeilingHint({ orgId }: { orgId: number | null }) {
  const { api } = useConsole()
  const [limits, setLimits] = useState<TypeLimitsView['effective']>(null)
  useEffect(() => {
    let live = true
    setLimits(null)
    if (orgId !== null) {
      api
        .send(reliefApi.typeLimits, { params: { orgId } })
        .then((v) => live && setLimits(v.effective))
        .catch(() => undefined) // only a hint: the server checks the ceiling on 保存
    }
    return () => {
      live = false
    }
  }, [api, orgId])
  return limits ? <div className="amount-ceiling">上级工会设定：每件最高 ¥{limits.maxAmount}</div> : null
}

/** 申请材料: name, 必交, hint; add, remove. */
const DocumentsCard = observer(function DocumentsCard({ editor }: { editor: AidTypeEditor }) {
  const f = editor.form!
  const { errors } = editor
  return (
    <Card title="申请材料" size="small">
      {f.documents.map((d, i) => (
        <Space key={d.key} align="start" wrap style={{ width: '100%' }}>
          <Item editor={editor} path={[`documents.${i}.name`, `documents.${i}`]} label={`第 ${i + 1} 项材料名称`}>
            <Input id={fieldId(`documents.${i}.name`)} aria-label={`第 ${i + 1} 项材料名称`} style={{ width: 240 }} value={d.name}
              status={errors[`documents.${i}.name`] ? 'error' : undefined} onChange={(e) => editor.setDocument(i, { name: e.target.value })} />
          </Item>
          <Item editor={editor} path={`documents.${i}.hint`} label="说明（可不填）">
            <Input id={fieldId(`documents.${i}.hint`)} aria-label={`第 ${i + 1} 项材料说明`} style={{ width: 240 }} value={d.hint} onChange={(e) => editor.setDocument(i, { hint: e.target.value })} />
          </Item>
          <Form.Item label="是否必交">
            <Checkbox aria-label={`第 ${i + 1} 项 必交`} checked={d.required} onChange={(e) => editor.setDocument(i, { required: e.target.checked })}>必交</Checkbox>
          </Form.Item>
          <Form.Item label="操作">
            <Button size="small" onClick={() => editor.removeDocument(i)} aria-label={`删除第 ${i + 1} 项材料`}>删除</Button>
          </Form.Item>
        </Space>
      ))}
      {errors.documents && <div><Typography.Text type="danger">{errors.documents}</Typography.Text></div>}
      <Button onClick={() => editor.addDocument()}>添加材料</Button>
    </Card>
  )
})
