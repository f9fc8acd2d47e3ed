import { useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Text, View } from '@tarojs/components'
import { membershipApi } from '@contract/membership/api'
import type { CardVerification } from '@contract/membership/schemas'
import { useStores } from '../../../stores/context'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { CodeEntry } from '../../../components/CodeEntry'
import { isApiError } from '../../../api/errors'
import { Resource } from '../../../stores/Resource'
import { formatDateTime } from '../../../utils/date'
import { PageRoot } from '../../../components/PageRoot'
import '../../../styles/staff.css'

export const RESULT_TITLES: Record<CardVerification['result'], string> = {
  valid: '有效会员',
  expired: '已过期',
  invalid: '无效',
  not_member: '非会员',
  left: '已退会（无效）',
}

/** 会员卡核验: a scanned or pasted member code → valid / expired / invalid / not a member, shown big. */
function VerifyPage() {
  const root = useStores()
  const [code, setCode] = useState('')
  const [emptyError, setEmptyError] = useState<string | null>(null)
  /** The last check (a new one per tap: the previous result goes as the next check starts). */
  const [check, setCheck] = useState<Resource<CardVerification> | null>(null)

  const verify = async (value: string) => {
    const v = value.trim()
    setEmptyError(v ? null : '请扫描或粘贴会员码')
    if (!v) return
    const next = new Resource(() => root.api.send(membershipApi.verifyCard, { body: { code: v } }))
    setCheck(next)
    await next.load()
  }

  const error = check?.error
  // A malformed code is said beside the field; anything else below it.
  const codeError = emptyError ?? (isApiError(error) ? (error.field('code') ?? null) : null)
  const result = check?.data ?? null

  return (
    <PageRoot className='page verify-page'>
      <CodeEntry
        noun='会员码'
        code={code}
        onCode={(v) => {
          setCode(v)
          setEmptyError(null)
          // the server's word on the code goes once the code changes
          if (isApiError(error) && error.field('code')) setCheck(null)
        }}
        error={codeError}
        busy={check?.loading ?? false}
        onSubmit={verify}
        scanText='扫码核验'
        submitText='核验'
        placeholder='粘贴会员码'
        maxlength={512}
        cls='verify'
      />
      <ErrorMessage error={error && !codeError ? error : null} />
      {result ? (
        <View className='verify-result' data-result={result.result}>
          <Text className='verify-title'>{RESULT_TITLES[result.result]}</Text>
          <Text className='verify-message'>{result.message}</Text>
          {result.nameMasked ? <Text className='verify-line verify-name'>姓名：{result.nameMasked}</Text> : null}
          {result.orgName ? <Text className='verify-line verify-org'>工会：{result.orgName}</Text> : null}
          {result.memberNo ? <Text className='verify-line verify-member-no'>会员号：{result.memberNo}</Text> : null}
          <Text className='muted'>核验时间 {formatDateTime(result.checkedAt)}</Text>
        </View>
      ) : null}
    </PageRoot>
  )
}

export default observer(VerifyPage)
