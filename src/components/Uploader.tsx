/**
 * The one upload block: the files already uploaded (a thumbnail or "PDF 文件", the size, 删除), 拍照/选图 and 选择 PDF
 * (where the platform can pick one), a size check before anything is sent, the busy state, and the error beside
 * it. The page (its store) does the upload itself through `onUpload` — the server checks the bytes again.
 */
import { useState } from 'react'
import { Button, Image, Text, View } from '@tarojs/components'
import { media } from '../platform/media'
import { toast } from '../platform/ui'
import { fileSizeText } from '../utils/files'
import { FieldError } from './FieldError'

export interface UploadedFile {
  id: string
  mime: string
  size?: number
  /** A (short-lived) link for a thumbnail. */
  url?: string
  name?: string
}

interface Props {
  files: readonly UploadedFile[]
  /** Upload the picked file; resolves true when it is attached (the page's store does it). */
  onUpload: (filePath: string, name: string | undefined) => Promise<boolean>
  onRemove: (id: string) => void
  busy?: boolean
  maxBytes: number
  maxLabel: string
  /** At most this many files (the add buttons go then). */
  maxFiles?: number
  /** The server's or the store's message for this block. */
  error?: string | null
  /** What is accepted, shown under the buttons. */
  hint?: string
  /** Name of the block for screen readers (e.g. the checklist item). */
  label?: string
  /** Photos only (no 选择 PDF). */
  photosOnly?: boolean
}

export { fileSizeText }

export function Uploader({ files, onUpload, onRemove, busy, maxBytes, maxLabel, maxFiles, error, hint, label, photosOnly }: Props) {
  const [localError, setLocalError] = useState('')
  const pick = async (kind: 'photo' | 'pdf') => {
    setLocalError('')
    const r = await media.pickDocument(kind)
    if (!r.ok) {
      if (r.reason !== 'cancelled') setLocalError(r.message)
      return
    }
    if (r.size !== undefined && r.size > maxBytes) {
      setLocalError(`文件超过 ${maxLabel}，请压缩后或重新拍照上传`)
      return
    }
    if (await onUpload(r.filePath, r.name)) toast('已上传', 'success')
  }
  const full = maxFiles !== undefined && files.length >= maxFiles
  return (
    <View className='uploader' aria-label={label}>
      {files.length > 0 ? (
        <View className='uploader-files'>
          {files.map((f, i) => (
            <View key={f.id} className='uploader-file' data-mime={f.mime}>
              {f.mime.startsWith('image/') && f.url ? (
                <Image className='file-thumb' src={f.url} mode='aspectFill' ariaLabel={`照片 ${i + 1}`} nativeProps={{ alt: `照片 ${i + 1}` }} />
              ) : null}
              <Text className='uploader-file-name'>
                {f.name ?? `${f.mime === 'application/pdf' ? 'PDF 文件' : '照片'} ${i + 1}`}
                {f.size !== undefined ? ` · ${fileSizeText(f.size)}` : ''}
              </Text>
              <View className='uploader-remove' role='button' aria-label={`删除第 ${i + 1} 个文件`} onClick={() => onRemove(f.id)}>
                删除
              </View>
            </View>
          ))}
        </View>
      ) : null}
      <FieldError message={localError || error || undefined} />
      {full ? (
        <Text className='form-hint'>最多上传 {maxFiles} 个文件</Text>
      ) : (
        <View className='uploader-actions'>
          <Button className='btn btn-ghost btn-small uploader-photo-btn' loading={busy || undefined} disabled={busy || undefined} onClick={() => void pick('photo')}>
            {busy ? '上传中…' : '拍照/选图'}
          </Button>
          {media.canPickPdf && !photosOnly ? (
            <Button className='btn btn-plain btn-small uploader-pdf-btn' disabled={busy || undefined} onClick={() => void pick('pdf')}>
              选择 PDF
            </Button>
          ) : null}
        </View>
      )}
      {hint ? <Text className='form-hint'>{hint}</Text> : null}
    </View>
  )
}
