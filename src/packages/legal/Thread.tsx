/** A case's thread: who said what when, with attachments (short-lived links opened through the media adapter). */
import { Text, View } from '@tarojs/components'
import { LEGAL_ENTRY_KINDS } from '@contract/legal/labels'
import type { LegalDocument, LegalEntry } from '@contract/legal/schemas'
import { media } from '../../platform/media'
import { toast } from '../../platform/ui'
import { formatDateTime } from '../../utils/date'
import { fileSizeText } from '../../utils/files'

export function Attachments({ files }: { files: readonly LegalDocument[] }) {
  if (files.length === 0) return null
  const open = async (f: LegalDocument) => {
    const r = await media.openDocument(f.url, f.mime)
    if (!r.ok) toast(r.message)
  }
  return (
    <View className='legal-files'>
      {files.map((f, i) => (
        <View key={f.id} className='legal-file' role='button' onClick={() => void open(f)}>
          {f.mime === 'application/pdf' ? 'PDF' : '照片'} {i + 1} · {fileSizeText(f.size)}
        </View>
      ))}
    </View>
  )
}

export function Thread({ entries }: { entries: readonly LegalEntry[] }) {
  return (
    <View className='legal-thread' role='list' aria-label='处理记录'>
      {entries.map((e) => (
        <View key={e.id} className={`legal-entry legal-entry-${e.author}`} data-kind={e.kind} role='listitem'>
          <View className='legal-entry-head'>
            <Text className='legal-entry-title'>{LEGAL_ENTRY_KINDS[e.kind]}</Text>
            <Text className='legal-entry-by'>
              {e.by} · {formatDateTime(e.at)}
            </Text>
          </View>
          {e.text ? <Text className='legal-entry-text'>{e.text}</Text> : null}
          <Attachments files={e.attachments} />
        </View>
      ))}
    </View>
  )
}
