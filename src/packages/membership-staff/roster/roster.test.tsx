import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import RosterImportPage from './index'
import { renderSignedIn } from '../../../test/render'
import { stubToast } from '../../../test/toast'
import { json, sampleSession } from '../../../test/fakes'
import type { TransportRequest, TransportUpload } from '../../../api/client'
import { media } from '../../../platform/media'
import type { RosterReport } from '@contract/roster/schemas'

const report = (over: Partial<RosterReport> = {}): RosterReport => ({
  fileName: '星河物流会员台账.xlsx',
  committed: false,
  policy: 'all_or_nothing',
  summary: '共 3 行，1 行有问题：请修正后重新检查，有问题时不会导入任何数据。',
  counts: { total: 3, new: 2, updated: 0, unchanged: 0, rejected: 1 },
  problems: [{ row: 3, column: '身份证号', message: '身份证号校验位不正确' }],
  problemsTruncated: false,
  rows: [],
  rowsTruncated: false,
  members: 0,
  skipped: 0,
  ...over,
})

const open = (handle: (r: TransportRequest | TransportUpload) => ReturnType<typeof json>) =>
  renderSignedIn(<RosterImportPage />, 'admin', handle, sampleSession('tok-admin'))

describe('会员台账导入', () => {
  const toast = stubToast()

  it('a picked file is checked first: problems by row and column, and no 确认导入 while any row has one', async () => {
    jest.spyOn(media, 'pickSpreadsheet').mockResolvedValue({ ok: true, filePath: 'blob:roster', name: '星河物流会员台账.xlsx', size: 20_000 })
    const { container, requests } = await open((r) => {
      if (r.url === '/api/membership/roster/dry-run') return json(200, report())
      throw new Error(`unexpected ${r.url}`)
    })
    await act(async () => {
      fireEvent.click(screen.getByText('选择台账文件'))
    })
    await waitFor(() => expect(container.querySelector('.import-problem')?.textContent).toBe('第 3 行 · 身份证号身份证号校验位不正确'))
    expect(container.querySelector('.import-rejected')?.textContent).toBe('有问题 1')
    expect(screen.queryByText(/确认导入/)).toBeNull()
    expect(requests.map((r) => r.url)).toEqual(['/api/membership/roster/dry-run'])
  })

  it('a clean file: 确认导入 sends the same file to the import and shows what was written', async () => {
    jest.spyOn(media, 'pickSpreadsheet').mockResolvedValue({ ok: true, filePath: 'blob:roster-ok', name: '台账.csv', size: 2_000 })
    const clean = { counts: { total: 3, new: 2, updated: 1, unchanged: 0, rejected: 0 }, problems: [], summary: '共 3 行，均可导入。' }
    const { container, requests } = await open((r) => {
      if (r.url === '/api/membership/roster/dry-run') return json(200, report(clean))
      if (r.url === '/api/membership/roster/import') return json(200, report({ ...clean, committed: true, summary: '已导入 3 行：新增 2，更新 1。' }))
      throw new Error(`unexpected ${r.url}`)
    })
    await act(async () => {
      fireEvent.click(screen.getByText('选择台账文件'))
    })
    await waitFor(() => expect(screen.getByText('确认导入 3 名会员')).toBeTruthy())
    await act(async () => {
      fireEvent.click(screen.getByText('确认导入 3 名会员'))
    })
    await waitFor(() => expect(container.querySelector('.import-summary')?.textContent).toBe('已导入 3 行：新增 2，更新 1。'))
    expect(screen.queryByText(/确认导入/)).toBeNull()
    // the file under the name the admin chose (the report and the audit row name it)
    expect(requests.map((r) => [r.url, (r as TransportUpload).filePath, (r as TransportUpload).fileName])).toEqual([
      ['/api/membership/roster/dry-run', 'blob:roster-ok', '台账.csv'],
      ['/api/membership/roster/import', 'blob:roster-ok', '台账.csv'],
    ])
  })

  it('a file over 5 MB is refused before uploading', async () => {
    jest.spyOn(media, 'pickSpreadsheet').mockResolvedValue({ ok: true, filePath: 'blob:big', name: 'big.xlsx', size: 6 * 1024 * 1024 })
    const { requests } = await open(() => {
      throw new Error('no upload expected')
    })
    await act(async () => {
      fireEvent.click(screen.getByText('选择台账文件'))
    })
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '文件不能超过 5 MB' }))
    expect(requests).toHaveLength(0)
  })
})
