import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { membershipApi } from '@contract/membership/api'
import type { CardVerification } from '@contract/membership/schemas'
import { useStores } from '../../../stores/context'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { CodeEntry } from '../../../components/CodeEntry'
import { isApiError } from '../../../api/errors'
import { formatDateTime } from '../../../utils/date'
import '../../../styles/staff.css'

export const RESULT_TITLES: Record<CardVerification['result'], string> = {
  valid: '有效会员',
  expired: '已过期',
  invalid: '无效',
  not_member: '非会员',
}

export default function VerifyPage() {
  const root = useStores()
  const [code, setCode] = useState('')
  const [codeError, setCodeError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [result, setResult] = useState<CardVerification | null>(null)

  const verify = async (value: string) => {
    const v = value.trim()
    if (!v) return setCodeError('请扫描或粘贴会员码')
    setBusy(true)
    setError(null)
    setCodeError(null)
    setResult(null)
    try {
      setResult(await root.api.send(membershipApi.verifyCard, { body: { code: v } }))
    } catch (err) {
      if (isApiError(err) && err.field('code')) setCodeError(err.field('code') ?? null)
      else setError(err)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='page verify-page'>
      <CodeEntry
        noun='会员码'
        code={code}
        onCode={(v) => {
          setCode(v)
          setCodeError(null)
        }}
        error={codeError}
        busy={busy}
        onSubmit={verify}
        scanText='扫码核验'
        submitText='核验'
        placeholder='粘贴会员码'
        maxlength={512}
        cls='verify'
      />
      <ErrorMessage error={error} />
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
    </View>
  )
}
