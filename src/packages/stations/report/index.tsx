/** 反馈问题 (logged in): what is wrong at the station, with an optional photo; the keeper sees it and resolves it. */
import { useState } from 'react'
import { Button, Text, Textarea, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { stationsApi } from '@contract/stations/api'
import { COMMON_PROBLEMS, REPORT_PHOTO_MAX_BYTES } from '@contract/stations/labels'
import type { UploadedPhoto } from '@contract/stations/schemas'
import { useStores } from '../../../stores/context'
import { back, toast } from '../../../platform/ui'
import { Loading } from '../../../components/Loading'
import { LoginRequired } from '../../../components/LoginRequired'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { Uploader } from '../../../components/Uploader'
import { Chips } from '../../../components/Chips'
import { PageRoot } from '../../../components/PageRoot'
import '../stations.css'

function ReportPage() {
  const root = useStores()
  const id = Number(useRouter().params.id)
  const [text, setText] = useState('')
  const [photo, setPhoto] = useState<UploadedPhoto | null>(null)
  const [uploading, setUploading] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  if (root.session.status === 'unknown') return <Loading />
  if (!root.session.isAuthenticated) return <LoginRequired hint='登录后可反馈驿站问题，处理结果会通知您' />
  if (!(id > 0)) return <PageRoot className='page'><ErrorMessage error='缺少驿站编号，请从驿站页面进入' /></PageRoot>

  const upload = async (filePath: string) => {
    setUploading(true)
    setError(null)
    try {
      setPhoto(await root.api.upload(stationsApi.upload, { filePath, name: 'file' }))
      return true
    } catch (e) {
      setError(e)
      return false
    } finally {
      setUploading(false)
    }
  }
  const submit = async () => {
    setBusy(true)
    setError(null)
    try {
      await root.api.send(stationsApi.report, { params: { id }, body: { description: text.trim(), photoId: photo?.id } })
      toast('已提交，站长处理后会通知您', 'success')
      back()
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }
  return (
    <PageRoot className='page report-page'>
      <View className='card'>
        <Text className='section-title'>遇到了什么问题？</Text>
        <Chips label='常见问题' options={COMMON_PROBLEMS.map((p) => ({ value: p as string, label: p }))} value={text} onChange={setText} />
        <Textarea
          className='report-textarea'
          value={text}
          maxlength={200}
          placeholder='请描述问题，如：饮水机坏了'
          onInput={(e) => setText(e.detail.value)}
          aria-label='问题描述'
        />
      </View>
      <View className='card'>
        <Text className='section-title'>照片（可选）</Text>
        <Uploader
          label='问题照片'
          files={photo ? [photo] : []}
          onUpload={upload}
          onRemove={() => setPhoto(null)}
          busy={uploading}
          maxBytes={REPORT_PHOTO_MAX_BYTES}
          maxLabel='5 MB'
          maxFiles={1}
          photosOnly
          hint='JPG、PNG 或 WebP，5 MB 以内；仅站长可见'
        />
      </View>
      <ErrorMessage error={error} />
      <Button className='btn btn-primary btn-block' disabled={busy || uploading || text.trim().length < 2} onClick={() => void submit()}>
        提交反馈
      </Button>
    </PageRoot>
  )
}

export default observer(ReportPage)
