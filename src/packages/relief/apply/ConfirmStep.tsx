/** 确认提交: what is being applied for, what is still missing (each a link to its step), and the separate consent. */
import { observer } from 'mobx-react-lite'
import { Text, View } from '@tarojs/components'
import { FieldError } from '../../../components/FieldError'
import { Row } from '../../../components/Row'
import { yuanText } from '../../../utils/money'
import { DOCUMENTS_STEP, type ApplyStore } from '../stores/ApplyStore'

export const SENSITIVE_CONSENT =
  '我同意工会为审核本次救助申请处理我填写的病情、收入、身份证号等敏感个人信息及上传的材料。这些信息加密保存，仅本人及所在工会、区总工会的审核人员可查看，每次查看均留存记录。'

export const ConfirmStep = observer(function ConfirmStep({ store }: { store: ApplyStore }) {
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
        <Row k='救助类型' v={type.name} />
        <View className='kv'>
          <Text className='kv-key'>救助金额</Text>
          <Text className='kv-value'>{amount !== null ? <Text className='rule-amount'>{yuanText(amount)}（按标准定额）</Text> : type.amountLabel}</Text>
        </View>
        <Row k='已上传材料' v={`${type.documents.filter((d) => (store.documents[d.key]?.length ?? 0) > 0).length}/${type.documents.length} 项`} />
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
