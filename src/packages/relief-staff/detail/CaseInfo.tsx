/** What the reviewer decides on: the case, the applicant's answers (sensitive ones marked), the documents, earlier submissions. */
import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { isSensitiveField } from '@contract/relief/rules'
import type { AidField, ReviewDetail } from '@contract/relief/schemas'
import { EMPLOYMENT_TYPES } from '@contract/membership/labels'
import { media } from '../../../platform/media'
import { toast } from '../../../platform/ui'
import { Row } from '../../../components/Row'
import { formatDateTime } from '../../../utils/date'

function shown(f: AidField, v: unknown): string {
  if (v === null || v === undefined || v === '') return '—'
  if (f.kind === 'choice') return f.options?.find((o) => o.value === v)?.label ?? String(v)
  if (f.kind === 'money') return `¥${v}`
  return String(v)
}

export function CaseSummary({ d }: { d: ReviewDetail }) {
  return (
    <View className='card'>
      <Row k='状态' v={d.stageLabel} className='detail-stage' />
      <Row k='救助类型' v={d.typeName} />
      <Row k='申请人' v={d.applicant.name} className='detail-applicant' />
      <Row k='会员号' v={d.applicant.memberNo} />
      <Row k='就业形态' v={EMPLOYMENT_TYPES[d.applicant.employmentType]} />
      <Row k='所属工会' v={d.org.name} />
      {d.submittedAt ? <Row k='提交时间' v={`${formatDateTime(d.submittedAt)}（第 ${d.submissionCount} 次提交）`} /> : null}
      <Row k='金额规则' v={d.type.amountLabel} />
      {d.ruleAmount !== null ? <Row k='按标准应发' v={`¥${d.ruleAmount}`} /> : null}
      {d.amount !== null ? <Row k='核定金额' v={`¥${d.amount}`} className='detail-amount' /> : null}
    </View>
  )
}

export function CaseFields({ d }: { d: ReviewDetail }) {
  return (
    <>
      <Text className='section-title'>申请内容（含敏感信息，仅审核使用，查看已留痕）</Text>
      <View className='card detail-fields'>
        {d.type.fields.map((f) => (
          <Row key={f.key} k={`${f.label}${isSensitiveField(f) ? '（敏感）' : ''}`} v={shown(f, d.fields[f.key])} className={`field-value-${f.key}`} />
        ))}
      </View>
    </>
  )
}

export function CaseDocuments({ d }: { d: ReviewDetail }) {
  const [showVersions, setShowVersions] = useState(false)
  const openDoc = async (url: string, mime: string) => {
    const r = await media.openDocument(url, mime)
    if (!r.ok) toast(r.message)
  }
  return (
    <>
      <Text className='section-title'>材料</Text>
      <View className='card'>
        {d.documents.map((slot) => (
          <View key={slot.key} className={`doc-row doc-${slot.key}`}>
            <Row k={`${slot.name}${slot.required ? '' : '（选交）'}`} v={slot.files.length ? `${slot.files.length} 个文件` : '未提交'} />
            {slot.files.map((f, i) => (
              <Text key={f.id} className='link' onClick={() => void openDoc(f.url, f.mime)}>
                查看{f.mime === 'application/pdf' ? ' PDF' : '照片'} {i + 1}
              </Text>
            ))}
          </View>
        ))}
      </View>

      {d.versions.length > 1 ? (
        <View className='card versions'>
          <Text className='link' onClick={() => setShowVersions(!showVersions)}>
            {showVersions ? '收起历次提交' : `查看历次提交（${d.versions.length} 次）`}
          </Text>
          {showVersions
            ? d.versions.map((v) => (
                <View key={v.no}>
                  <Text className='notice-title'>
                    第 {v.no} 次 · {formatDateTime(v.submittedAt)}
                  </Text>
                  {v.documents.map((s) => (
                    <Text key={s.key} className='muted' style={{ display: 'block' }}>
                      {s.name}：{s.files.length} 个文件
                    </Text>
                  ))}
                </View>
              ))
            : null}
        </View>
      ) : null}
    </>
  )
}
