import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import StationImportPage from './index'
import { renderSignedIn } from '../../../test/render'
import { stubToast } from '../../../test/toast'
import { json, sampleMe, sampleSession } from '../../../test/fakes'
import type { TransportRequest, TransportUpload } from '../../../api/client'
import { media } from '../../../platform/media'
import type { ImportReport } from '@contract/imports'

/** 管理员·周, admin of 云溪区总工会 (id 1). */
const adminSession = () => ({
  ...sampleSession('tok-admin'),
  user: { ...sampleMe, id: 5, nickname: '管理员·周', roles: [{ role: 'admin' as const, orgId: 1, orgName: '云溪区总工会' }] },
})

const report = (over: Partial<ImportReport> = {}): ImportReport => ({
  fileName: '云溪驿站.xlsx',
  committed: false,
  policy: 'all_or_nothing',
  summary: '共 4 行，2 行有问题：整份文件都不会导入，请修正后重新检查。',
  counts: { total: 4, new: 2, updated: 0, unchanged: 0, rejected: 2 },
  problems: [
    { row: 3, column: '运营工会', message: '运营工会“东湖镇总工会”不存在或不在您的管辖范围内' },
    { row: 5, column: '开放时间', message: '开放时间“早八晚八”无法识别，应为“24小时”或“08:00-20:00”（跨夜如“22:00-06:00”）' },
  ],
  problemsTruncated: false,
  ...over,
})
const clean = { counts: { total: 4, new: 3, updated: 1, unchanged: 0, rejected: 0 }, problems: [], summary: '共 4 行，均可导入。' }

const open = (handle: (r: TransportRequest | TransportUpload) => ReturnType<typeof json>) => renderSignedIn(<StationImportPage />, 'admin', handle, adminSession())
const commitButton = (container: HTMLElement) => container.querySelector('.station-import-commit') as HTMLElement | null
const isDisabled = (el: HTMLElement | null) => el !== null && (el.hasAttribute('disabled') || (el as HTMLElement & { disabled?: boolean }).disabled === true)

describe('导入驿站名单', () => {
  const toast = stubToast()
  afterEach(() => jest.restoreAllMocks())

  it('says which columns the file needs, from the contract', async () => {
    const { container } = await open(() => {
      throw new Error('no request expected')
    })
    const notice = container.querySelector('.station-import-notice')?.textContent ?? ''
    expect(notice).toContain('名称、运营工会、地址、纬度、经度、开放时间、开放日（可选）、闭站日期（可选）、设施、站长（可选）、站长电话（可选）')
    expect(notice).toContain('饮水、充电')
    // the per-weekday hours format, as the server reads it
    expect(container.querySelector('.station-import-hours')?.textContent).toContain('如“周一至周五 08:00-20:00；周六 09:00-17:00；周日 休息”')
    expect(commitButton(container)).toBeNull()
  })

  it('the dry run lists every problem by row and column; 确认导入 stays disabled until a checked file is clean; the commit shows the result', async () => {
    const pick = jest.spyOn(media, 'pickSpreadsheet').mockResolvedValue({ ok: true, filePath: 'blob:bad', name: '云溪驿站.xlsx', size: 20_000 })
    const { container, requests } = await open((r) => {
      if (r.url === '/api/stations/import/dry-run') return json(200, (r as TransportUpload).filePath === 'blob:bad' ? report() : report({ ...clean, fileName: '云溪驿站（修正）.xlsx' }))
      if (r.url === '/api/stations/import') return json(200, report({ ...clean, committed: true, fileName: '云溪驿站（修正）.xlsx', summary: '已导入 4 行：新增 3，更新 1。' }))
      throw new Error(`unexpected ${r.url}`)
    })
    await act(async () => {
      fireEvent.click(screen.getByText('选择驿站名单文件'))
    })
    await waitFor(() => expect(container.querySelectorAll('.import-problem')).toHaveLength(2))
    expect(Array.from(container.querySelectorAll('.import-problem')).map((p) => p.textContent)).toEqual([
      '第 3 行 · 运营工会运营工会“东湖镇总工会”不存在或不在您的管辖范围内',
      '第 5 行 · 开放时间开放时间“早八晚八”无法识别，应为“24小时”或“08:00-20:00”（跨夜如“22:00-06:00”）',
    ])
    expect(container.querySelector('.import-rejected')?.textContent).toBe('有问题 2')
    expect(isDisabled(commitButton(container))).toBe(true)
    await act(async () => {
      fireEvent.click(commitButton(container) as HTMLElement)
    })
    expect(requests.map((r) => r.url)).toEqual(['/api/stations/import/dry-run'])

    pick.mockResolvedValue({ ok: true, filePath: 'blob:fixed', name: '云溪驿站（修正）.xlsx', size: 20_000 })
    await act(async () => {
      fireEvent.click(screen.getByText('重新选择文件'))
    })
    await waitFor(() => expect(commitButton(container)?.textContent).toBe('确认导入 4 个驿站'))
    expect(isDisabled(commitButton(container))).toBe(false)
    expect(container.querySelectorAll('.import-problem')).toHaveLength(0)
    await act(async () => {
      fireEvent.click(commitButton(container) as HTMLElement)
    })
    await waitFor(() => expect(container.querySelector('.import-summary')?.textContent).toBe('已导入 4 行：新增 3，更新 1。'))
    expect(commitButton(container)).toBeNull()
    expect(screen.getByText('返回驿站管理')).toBeTruthy()
    expect(requests.map((r) => [r.url, (r as TransportUpload).filePath])).toEqual([
      ['/api/stations/import/dry-run', 'blob:bad'],
      ['/api/stations/import/dry-run', 'blob:fixed'],
      ['/api/stations/import', 'blob:fixed'],
    ])
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '导入完成' }))
  })

  it('a file over 2 MB is refused before uploading', async () => {
    jest.spyOn(media, 'pickSpreadsheet').mockResolvedValue({ ok: true, filePath: 'blob:big', name: 'big.xlsx', size: 3 * 1024 * 1024 })
    const { requests } = await open(() => {
      throw new Error('no request expected')
    })
    await act(async () => {
      fireEvent.click(screen.getByText('选择驿站名单文件'))
    })
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '文件不能超过 2 MB，请分批导入' }))
    expect(requests).toHaveLength(0)
  })
})
