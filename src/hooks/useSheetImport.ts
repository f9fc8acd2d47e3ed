/**
 * A spreadsheet import page's state (会员台账, 工会名单 …): pick an .xlsx/.csv, check it at once (the dry run), then
 * 确认导入 the same file (the commit). Both answer with the one ImportReport (contract/imports.ts); the file goes up
 * under the name the admin chose. A file over `maxBytes` is refused on the phone, before any upload.
 */
import { useState } from 'react'
import type { Endpoint } from '@contract/endpoint'
import type { ImportReport } from '@contract/imports'
import { useStores } from '../stores/context'
import { media } from '../platform/media'
import { toast } from '../platform/ui'

export interface ChosenFile {
  path: string
  name: string
}

export interface SheetImport {
  file: ChosenFile | null
  report: ImportReport | null
  busy: 'check' | 'commit' | null
  error: unknown
  /** Choose a file and check it. */
  pick(): Promise<void>
  /** Check or commit the chosen file (again). */
  run(kind: 'check' | 'commit', chosen: ChosenFile): Promise<void>
}

/** An import endpoint: multipart in, the ImportReport out. */
type ReportEndpoint = Endpoint<{ response: typeof ImportReport }>

export function useSheetImport(options: {
  dryRun: ReportEndpoint
  commit: ReportEndpoint
  maxBytes: number
  /** The name of a file the platform did not name. */
  defaultName: string
  /** Shown when the file is over `maxBytes`. */
  tooLarge: string
}): SheetImport {
  const root = useStores()
  const [file, setFile] = useState<ChosenFile | null>(null)
  const [report, setReport] = useState<ImportReport | null>(null)
  const [busy, setBusy] = useState<'check' | 'commit' | null>(null)
  const [error, setError] = useState<unknown>(null)

  const run = async (kind: 'check' | 'commit', chosen: ChosenFile) => {
    setBusy(kind)
    setError(null)
    try {
      const endpoint = kind === 'check' ? options.dryRun : options.commit
      const r = await root.api.upload(endpoint, { filePath: chosen.path, fileName: chosen.name })
      setReport(r)
      if (r.committed) toast('导入完成', 'success')
    } catch (err) {
      setError(err)
    } finally {
      setBusy(null)
    }
  }

  const pick = async () => {
    const r = await media.pickSpreadsheet()
    if (!r.ok) return r.reason === 'cancelled' ? undefined : toast(r.message)
    if (r.size !== undefined && r.size > options.maxBytes) return toast(options.tooLarge)
    const picked = { path: r.filePath, name: r.name ?? options.defaultName }
    setFile(picked)
    setReport(null)
    await run('check', picked)
  }

  return { file, report, busy, error, pick, run }
}
