/** 上传材料: the type's checklist, each item with its status and its upload block (the one Uploader). */
import { observer } from 'mobx-react-lite'
import { Text, View } from '@tarojs/components'
import { RELIEF_DOCUMENT_MAX_BYTES, RELIEF_DOCUMENT_MAX_LABEL } from '@contract/relief/labels'
import { Uploader } from '../../../components/Uploader'
import type { ApplyStore, DocStatus } from '../stores/ApplyStore'

const DOC_STATUS: Record<DocStatus, string> = {
  uploaded: '已上传',
  missing: '待上传',
  optional: '选交',
  uploading: '上传中…',
  error: '上传失败',
}

export const DocumentsStep = observer(function DocumentsStep({ store }: { store: ApplyStore }) {
  const requested = store.requestedDocKeys
  return (
    <View className='card'>
      <Text className='muted'>支持照片（JPG、PNG）或 PDF，单个文件不超过 {RELIEF_DOCUMENT_MAX_LABEL}。材料仅用于本次审核。</Text>
      {(store.type?.documents ?? []).map((d) => {
        const status = store.docStatus(d.key)
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
            <Uploader
              label={d.name}
              files={store.files[d.key] ?? []}
              onUpload={(filePath) => store.upload(d.key, filePath)}
              onRemove={(id) => store.removeFile(d.key, id)}
              busy={store.uploading[d.key]}
              maxBytes={RELIEF_DOCUMENT_MAX_BYTES}
              maxLabel={RELIEF_DOCUMENT_MAX_LABEL}
              error={store.docErrors[d.key]}
            />
          </View>
        )
      })}
    </View>
  )
})
