import { pages } from '@contract/pages'
import { useEffect, useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components'
import { useDidShow, useRouter } from '@tarojs/taro'
import { RELIEF_DOCUMENT_MAX_BYTES, RELIEF_DOCUMENT_MAX_LABEL } from '@contract/relief/labels'
import type { AidField } from '@contract/relief/schemas'
import { isSensitiveField } from '@contract/relief/rules'
import { useStores } from '../../../stores/context'
import { errorMessage, isApiError } from '../../../api/errors'
import { media } from '../../../platform/media'
import { replaceWith, toast } from '../../../platform/ui'
import { Loading } from '../../../components/Loading'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { FieldError } from '../../../components/FieldError'
import { LoginRequired } from '../../../components/LoginRequired'
import { applyStoreOf } from '../stores'
import { CONFIRM_STEP, DOCUMENTS_STEP, parseNumberText, type ApplyStore, type DocStatus } from '../stores/ApplyStore'
import { fileSizeText, shortDateTime, yuanText } from '../format'
import '../relief.css'

export const SENSITIVE_CONSENT =
  '我同意工会为审核本次救助申请处理我填写的病情、收入、身份证号等敏感个人信息及上传的材料。这些信息加密保存，仅本人及所在工会、区总工会的审核人员可查看，每次查看均留存记录。'

const DOC_STATUS: Record<DocStatus, string> = {
  uploaded: '已上传',
  missing: '待上传',
  optional: '选交',
  uploading: '上传中…',
  error: '上传失败',
}

const DraftBar = observer(function DraftBar({ store }: { store: ApplyStore }) {
  const text =
    store.draftState === 'saved'
      ? `草稿已保存${store.draftSavedAt ? ` ${shortDateTime(store.draftSavedAt).split(' ')[1]}` : ''}`
      : store.draftState === 'offline'
        ? '已离线保存，联网后自动同步'
        : store.draftState === 'saving'
          ? '正在保存草稿…'
          : store.draftState === 'error'
            ? (store.saveError ?? '草稿未能保存到服务器，已保存在本机')
            : '填写内容会自动保存'
  return (
    <View className='draft-bar'>
      <Text className='draft-state' data-state={store.draftState}>
        {text}
      </Text>
      <Text>
        第 {store.stepIndex + 1}/{store.steps.length} 步
      </Text>
    </View>
  )
})

const FieldInput = observer(function FieldInput({ store, field }: { store: ApplyStore; field: AidField }) {
  const v = store.fields[field.key]
  const text = v === null || v === undefined ? '' : String(v)
  const blur = () => void store.flush()
  switch (field.kind) {
    case 'textarea':
      return (
        <Textarea
          className='form-textarea'
          value={text}
          maxlength={field.maxLength ?? 1000}
          placeholder={field.hint ?? `请填写${field.label}`}
          onInput={(e) => store.setField(field.key, e.detail.value)}
          onBlur={blur}
        />
      )
    case 'choice':
      return (
        <View className='choices' role='radiogroup'>
          {(field.options ?? []).map((o) => (
            <View
              key={o.value}
              className={`choice${v === o.value ? ' choice-active' : ''}`}
              role='radio'
              aria-checked={v === o.value}
              onClick={() => {
                store.setField(field.key, o.value)
                void store.flush()
              }}
            >
              {o.label}
            </View>
          ))}
        </View>
      )
    case 'date':
      return (
        <View className='phone-row'>
          <Input
            className='form-input'
            value={text}
            maxlength={10}
            placeholder='如 2026-11-01'
            onInput={(e) => store.setField(field.key, e.detail.value.trim())}
            onBlur={blur}
          />
          <Picker mode='date' value={text || store.today} end={field.notFuture ? store.today : undefined} onChange={(e) => store.setField(field.key, String(e.detail.value))}>
            <View className='btn btn-ghost btn-small'>选择</View>
          </Picker>
        </View>
      )
    case 'integer':
    case 'money':
      return (
        <Input
          className='form-input'
          type={field.kind === 'integer' ? 'number' : 'digit'}
          value={text}
          placeholder={field.hint ?? (field.kind === 'money' ? '金额（元）' : '请填写数字')}
          onInput={(e) => store.setField(field.key, parseNumberText(e.detail.value))}
          onBlur={blur}
        />
      )
    default:
      return (
        <Input
          className='form-input'
          type={field.kind === 'id_number' ? 'idcard' : field.kind === 'phone' ? 'number' : 'text'}
          value={text}
          maxlength={field.kind === 'id_number' ? 18 : field.kind === 'phone' ? 11 : (field.maxLength ?? 60)}
          placeholder={field.hint ?? `请填写${field.label}`}
          onInput={(e) => store.setField(field.key, field.kind === 'id_number' ? e.detail.value.toUpperCase() : e.detail.value)}
          onBlur={blur}
        />
      )
  }
})

const FieldsStep = observer(function FieldsStep({ store, step }: { store: ApplyStore; step: string }) {
  return (
    <View className='card'>
      {store.fieldsOf(step).map((f) => (
        <View key={f.key} className={`form-field field-${f.key}`}>
          <Text className='form-label'>
            {f.label}
            {f.required ? <Text className='doc-required'>*</Text> : null}
          </Text>
          <FieldInput store={store} field={f} />
          {f.hint && f.kind !== 'textarea' ? <Text className='form-hint'>{f.hint}</Text> : null}
          {isSensitiveField(f) ? <Text className='form-hint field-sensitive'>敏感信息，加密保存</Text> : null}
          <FieldError message={store.fieldErrors[f.key]} />
        </View>
      ))}
    </View>
  )
})

const DocumentsStep = observer(function DocumentsStep({ store }: { store: ApplyStore }) {
  const [localError, setLocalError] = useState<Record<string, string>>({})
  const pick = async (key: string, kind: 'photo' | 'pdf') => {
    setLocalError((e) => ({ ...e, [key]: '' }))
    const r = await media.pickDocument(kind)
    if (!r.ok) {
      if (r.reason !== 'cancelled') setLocalError((e) => ({ ...e, [key]: r.message }))
      return
    }
    if (r.size !== undefined && r.size > RELIEF_DOCUMENT_MAX_BYTES) {
      setLocalError((e) => ({ ...e, [key]: `文件超过 ${RELIEF_DOCUMENT_MAX_LABEL}，请压缩后或重新拍照上传` }))
      return
    }
    const ok = await store.upload(key, r.filePath)
    if (ok) toast('已上传', 'success')
  }
  const requested = store.requestedDocKeys
  return (
    <View className='card'>
      <Text className='muted'>支持照片（JPG、PNG）或 PDF，单个文件不超过 {RELIEF_DOCUMENT_MAX_LABEL}。材料仅用于本次审核。</Text>
      {(store.type?.documents ?? []).map((d) => {
        const status = store.docStatus(d.key)
        const files = store.files[d.key] ?? []
        return (
          <View key={d.key} className={`doc-item doc-${d.key}`} data-requested={requested.includes(d.key) ? 'true' : 'false'}>
            <View className='doc-head'>
              <Text className='doc-name'>
                {d.name}
                {d.required ? <Text className='doc-required'>*</Text> : null}
              </Text>
              <Text className='doc-status' data-status={status}>
                {requested.includes(d.key) && status !== 'uploaded' ? '需补充' : DOC_STATUS[status]}
              </Text>
            </View>
            {d.hint ? <Text className='form-hint'>{d.hint}</Text> : null}
            {files.length > 0 ? (
              <View className='doc-files'>
                {files.map((f, i) => (
                  <View key={f.id} className='doc-file'>
                    <Text>
                      {f.mime === 'application/pdf' ? 'PDF 文件' : '照片'} {i + 1} · {fileSizeText(f.size)}
                    </Text>
                    <Text className='doc-file-remove' onClick={() => store.removeFile(d.key, f.id)}>
                      删除
                    </Text>
                  </View>
                ))}
              </View>
            ) : null}
            <FieldError message={localError[d.key] || store.docErrors[d.key]} />
            <View className='doc-actions'>
              <Button
                className='btn btn-ghost doc-photo-btn'
                loading={store.uploading[d.key] || undefined}
                disabled={store.uploading[d.key] || undefined}
                onClick={() => void pick(d.key, 'photo')}
              >
                拍照/选图
              </Button>
              {media.canPickPdf ? (
                <Button className='btn btn-plain doc-pdf-btn' disabled={store.uploading[d.key] || undefined} onClick={() => void pick(d.key, 'pdf')}>
                  选择 PDF
                </Button>
              ) : null}
            </View>
          </View>
        )
      })}
    </View>
  )
})

const ConfirmStep = observer(function ConfirmStep({ store }: { store: ApplyStore }) {
  const type = store.type!
  const problems: { step: string; text: string }[] = []
  for (const s of store.steps) {
    for (const f of store.fieldsOf(s.key)) if (store.fieldErrors[f.key]) problems.push({ step: s.key, text: `${f.label}：${store.fieldErrors[f.key]}` })
  }
  for (const d of type.documents) if (store.docErrors[d.key]) problems.push({ step: DOCUMENTS_STEP, text: `${d.name}：${store.docErrors[d.key]}` })
  const amount = store.ruleAmount
  return (
    <View>
      <View className='card'>
        <View className='kv'>
          <Text className='kv-key'>救助类型</Text>
          <Text className='kv-value'>{type.name}</Text>
        </View>
        <View className='kv'>
          <Text className='kv-key'>救助金额</Text>
          <Text className='kv-value'>{amount !== null ? <Text className='rule-amount'>{yuanText(amount)}（按标准定额）</Text> : type.amountLabel}</Text>
        </View>
        <View className='kv'>
          <Text className='kv-key'>已上传材料</Text>
          <Text className='kv-value'>
            {type.documents.filter((d) => (store.documents[d.key]?.length ?? 0) > 0).length}/{type.documents.length} 项
          </Text>
        </View>
        {store.missingDocs.length > 0 ? (
          <View className='summary-list missing-docs'>
            <Text className='muted'>还缺必交材料：</Text>
            {store.missingDocs.map((d) => (
              <Text key={d.key} className='summary-item link' onClick={() => void store.goTo(DOCUMENTS_STEP)}>
                · {d.name}（去上传）
              </Text>
            ))}
          </View>
        ) : null}
      </View>
      {problems.length > 0 ? (
        <View className='error-box submit-problems' role='alert'>
          <Text className='error-text'>还有 {problems.length} 项需要处理：</Text>
          {problems.map((p) => (
            <Text key={p.text} className='summary-item link' onClick={() => void store.goTo(p.step)}>
              · {p.text}
            </Text>
          ))}
        </View>
      ) : null}
      <View className='card field-consent'>
        <Text className='form-label'>敏感个人信息处理同意（单独同意）</Text>
        <View className='check-row consent-box' onClick={() => store.setConsent(!store.consentSensitive)}>
          <View className='checkbox' role='checkbox' aria-checked={store.consentSensitive} data-checked={store.consentSensitive ? 'true' : 'false'}>
            {store.consentSensitive ? '✓' : ''}
          </View>
          <Text className='check-text'>{SENSITIVE_CONSENT}</Text>
        </View>
        <FieldError message={store.consentError} />
      </View>
    </View>
  )
})

const ApplyForm = observer(function ApplyForm({ store }: { store: ApplyStore }) {
  const step = store.step
  const isLast = step === CONFIRM_STEP
  const submit = async () => {
    const ok = await store.submit()
    if (ok && store.appId !== null) {
      toast(store.app && store.app.submissionCount > 1 ? '已重新提交' : '已提交，请等待审核', 'success')
      replaceWith(pages.relief.detail.url({ id: store.appId }))
    }
  }
  const ret = store.app?.stage === 'returned' ? store.app.returnRequest : null
  return (
    <View className='page relief-apply-page' data-step={step}>
      <View className='steps'>
        {store.steps.map((s, i) => (
          <View
            key={s.key}
            className={`step step-${s.key}`}
            data-state={i < store.stepIndex ? 'done' : i === store.stepIndex ? 'current' : 'todo'}
            onClick={() => void store.goTo(s.key)}
          >
            {s.title}
          </View>
        ))}
      </View>
      <DraftBar store={store} />
      {store.loadError && store.restoredFrom === 'device' ? <ErrorMessage error='网络不给力：已打开本机保存的草稿，联网后自动同步' /> : null}
      {ret ? (
        <View className='return-box return-request'>
          <Text className='notice-title'>审核人员请您补充：</Text>
          {ret.documents.map((d) => (
            <Text key={d.key} className='summary-item'>
              · {d.name}
            </Text>
          ))}
          {ret.note ? <Text>说明：{ret.note}</Text> : null}
          <Text className='muted'>补充后到最后一步重新提交。</Text>
        </View>
      ) : null}

      {step === DOCUMENTS_STEP ? <DocumentsStep store={store} /> : step === CONFIRM_STEP ? <ConfirmStep store={store} /> : <FieldsStep key={step} store={store} step={step} />}

      <ErrorMessage error={store.submitError} />
      <View className='step-actions'>
        {store.stepIndex > 0 ? (
          <Button className='btn btn-ghost prev-btn' onClick={() => void store.prev()}>
            上一步
          </Button>
        ) : null}
        {isLast ? (
          <Button className='btn btn-primary submit-btn' loading={store.submitting || undefined} disabled={store.submitting || undefined} onClick={() => void submit()}>
            {store.app?.stage === 'returned' ? '重新提交' : '提交申请'}
          </Button>
        ) : (
          <Button className='btn btn-primary next-btn' onClick={() => void store.next()}>
            下一步
          </Button>
        )}
      </View>
    </View>
  )
})

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
      <View className='page'>
        <EmptyState title='请先选择救助类型' actionText='选择救助类型' onAction={() => replaceWith(pages.relief.types.path)} />
      </View>
    )
  }
  if (!store.type || store.appId === null) {
    const notMember = isApiError(store.loadError) && store.loadError.status === 403 && !root.session.isMember
    return (
      <View className='page'>
        {notMember ? (
          <View className='card'>
            <EmptyState title={errorMessage(store.loadError)} hint='入会后即可申请帮扶救助' actionText='申请入会' onAction={() => replaceWith(pages.membership.join.path)} />
          </View>
        ) : (
          <ErrorMessage error={store.loadError ?? '未找到该救助类型'} onRetry={() => void store.open(id > 0 ? { id } : { typeKey: typeKey ?? '' }).then(() => setReady(true))} />
        )}
      </View>
    )
  }
  if (!store.editable) {
    return (
      <View className='page'>
        <View className='card'>
          <EmptyState
            title={`该申请${store.app?.stageLabel ?? '已提交'}`}
            hint='当前不能修改，可查看办理进度'
            actionText='查看申请详情'
            onAction={() => store.appId !== null && replaceWith(pages.relief.detail.url({ id: store.appId }))}
          />
        </View>
      </View>
    )
  }
  return <ApplyForm store={store} />
}

export default observer(ApplyPage)
