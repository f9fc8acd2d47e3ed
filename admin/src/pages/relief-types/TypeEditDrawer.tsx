/**
 * 新建救助类型 / 编辑救助类型 in a side panel. The form is the mini-program's `AidTypeEditor`
 * (src/packages/relief-staff/stores, no Taro): the same state, the contract's schema and consistency check, the same
 * Chinese messages beside each field, the server's refusals by field (and the owner's by reason beside 所属工会),
 * and the draft kept in this browser at every change. The same sections as the phone's: 基本信息, 受理时间, 金额规则 (all three kinds), 审核, 申请条件, 填写步骤, 申请表字段, 申请材料清单.
 */
import { useEffect, useState, type ReactNode } from 'react'
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
import { useDraftEditor } from '../../work/draft-editor'
import { DocumentsCard, FieldsCard, StepsCard } from './FormCards'
import { fieldId } from './ids'


export function TypeEditDrawer({ typeKey, onClose, onSaved }: { typeKey: string | null; onClose: () => void; onSaved: (t: AidType) => void }) {
  return (
    <Drawer open={typeKey !== null} onClose={onClose} size={760} title={typeKey ? '编辑救助类型' : '新建救助类型'} destroyOnHidden>
      {typeKey !== null && <EditorFor key={typeKey || 'new'} typeKey={typeKey} onClose={onClose} onSaved={onSaved} />}
    </Drawer>
  )
}

function EditorFor({ typeKey, onClose, onSaved }: { typeKey: string; onClose: () => void; onSaved: (t: AidType) => void }) {
  const { editor, loadError, retry } = useDraftEditor(
    (deps) => new AidTypeEditor(deps, typeKey),
    typeKey ? (api) => api.send(reliefApi.manageType, { params: { key: typeKey } }) : undefined,
  )

  if (loadError) return <Alert type="error" showIcon title={loadError} action={<Button size="small" onClick={retry}>重试</Button>} />
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
            extra={<CeilingHint orgId={f.orgId} />}>
            <Radio.Group id={fieldId('amount')} aria-label="金额规则" value={f.amountKind} onChange={(e) => editor.set('amountKind', e.target.value as TypeForm['amountKind'])}
              options={AMOUNT_CHOICES} />
          </Item>
          {f.amountKind === 'reviewer_set' && (
            <Space size="large" wrap>
              <Text editor={editor} k="amountMin" path="amount.min" label="最低金额（元）" placeholder="如 200" numeric />
              <Text editor={editor} k="amountMax" path="amount.max" label="最高金额（元）" placeholder="如 2000" numeric extra="复核时在此范围内核定" />
            </Space>
          )}
          {f.amountKind !== 'reviewer_set' && <AmountTable editor={editor} />}
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

        <StepsCard editor={editor} />
        <FieldsCard editor={editor} />
        <DocumentsCard editor={editor} />

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

/** 按单选项定额 (an amount per option of a choice field) or 按行程距离定额 (an amount per distance band of an integer field). */
const AmountTable = observer(function AmountTable({ editor }: { editor: AidTypeEditor }) {
  const f = editor.form!
  const { errors } = editor
  const tiers = f.amountKind === 'fixed_tiers'
  const basis = f.fields.filter((x) => x.kind === (tiers ? 'choice' : 'integer'))
  const field = f.fields.find((x) => x.key === f.amountField)
  const basisLabel = tiers ? '按哪个单选字段定额' : '按哪个整数字段（行程公里数）'
  const cell = (path: string, label: string, value: string, onChange: (v: string) => void) => (
    <Form.Item key={path} label={label} htmlFor={fieldId(path)} validateStatus={errors[path] ? 'error' : undefined} help={errors[path] || undefined}>
      <Input id={fieldId(path)} aria-label={label} inputMode="numeric" style={{ width: 180 }} value={value} status={errors[path] ? 'error' : undefined} onChange={(e) => onChange(e.target.value)} />
    </Form.Item>
  )
  return (
    <>
      <Item editor={editor} path="amount.field" label={basisLabel}>
        {basis.length ? (
          <Select id={fieldId('amount.field')} aria-label="金额依据的字段" style={{ width: 260 }} value={f.amountField || undefined} status={errors['amount.field'] ? 'error' : undefined}
            options={basis.map((x) => ({ value: x.key, label: x.label.trim() || x.key }))} onChange={(k: string) => editor.set('amountField', k)} />
        ) : (
          <Typography.Text id={fieldId('amount.field')} type="secondary">{tiers ? '请先在申请表中添加一个“单选”字段' : '请先在申请表中添加一个“整数”字段'}</Typography.Text>
        )}
      </Item>
      {tiers && field && (
        <Space size="large" wrap>
          {field.options.map((o, j) => cell(`amount.tiers.${j}.amount`, `「${o.label}」金额（元）`, f.tierAmounts[o.value] ?? '', (v) => editor.setTierAmount(o.value, v)))}
        </Space>
      )}
      {tiers && errors['amount.tiers'] && <Typography.Text type="danger">{errors['amount.tiers']}</Typography.Text>}
      {!tiers && (
        <>
          {f.bands.map((b, j) => (
            <Space key={j} size="large" wrap align="start">
              {cell(`amount.bands.${j}.upToKm`, j === f.bands.length - 1 ? `第 ${j + 1} 档 不超过（公里，最后一档不填）` : `第 ${j + 1} 档 不超过（公里）`, b.upToKm, (v) => editor.setBand(j, { upToKm: v }))}
              {cell(`amount.bands.${j}.amount`, `第 ${j + 1} 档 金额（元）`, b.amount, (v) => editor.setBand(j, { amount: v }))}
              {f.bands.length > 1 && (
                <Form.Item label="操作">
                  <Button size="small" danger onClick={() => editor.removeBand(j)} aria-label={`删除此档：第 ${j + 1} 档`}>删除此档</Button>
                </Form.Item>
              )}
            </Space>
          ))}
          {errors['amount.bands'] && <div><Typography.Text type="danger">{errors['amount.bands']}</Typography.Text></div>}
          <Button onClick={() => editor.addBand()}>添加距离档</Button>
        </>
      )}
    </>
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
