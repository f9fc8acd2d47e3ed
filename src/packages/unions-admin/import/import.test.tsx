import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import UnionImportPage from './index'
import { renderSignedIn } from '../../../test/render'
import { stubToast } from '../../../test/toast'
import { json } from '../../../test/fakes'
import type { TransportRequest, TransportUpload } from '../../../api/client'
import { media } from '../../../platform/media'
import type { ImportReport } from '@contract/imports'
import { adminSession } from '../test-fixtures'

const report = (over: Partial<ImportReport> = {}): ImportReport => ({
  fileName: '东湖工会名单.xlsx',
  committed: false,
  policy: 'all_or_nothing',
  summary: '共 6 行，4 行有问题：整份文件都不会导入，请修正后重新检查。',
  counts: { total: 6, new: 2, updated: 0, unchanged: 0, rejected: 4 },
  problems: [
    { row: 4, column: '上级工会', message: '上级工会“东湖镇总工会”不存在，也不在本文件中' },
    { row: 5, column: '名称', message: '与第 3 行重复：同一上级工会下有两个“东湖第一社区联合工会”' },
    { row: 6, column: '联系电话', message: '联系电话“8888”格式不正确，应为手机号或带区号的座机号' },
    { row: 7, column: null, message: '这一行是空的' },
  ],
  problemsTruncated: false,
  ...over,
})
const clean = { counts: { total: 5, new: 4, updated: 1, unchanged: 0, rejected: 0 }, problems: [], summary: '共 5 行，均可导入。' }

const open = (handle: (r: TransportRequest | TransportUpload) => ReturnType<typeof json>) => renderSignedIn(<UnionImportPage />, 'admin', handle, adminSession())
const commitButton = (container: HTMLElement) => container.querySelector('.union-import-commit') as HTMLElement | null
const isDisabled = (el: HTMLElement | null) => el !== null && (el.hasAttribute('disabled') || (el as HTMLElement & { disabled?: boolean }).disabled === true)

describe('导入工会名单', () => {
  const toast = stubToast()
  afterEach(() => jest.restoreAllMocks())

  it('says which columns the file needs and how 上级工会 is found', async () => {
    const { container } = await open(() => {
      throw new Error('no request expected')
    })
    const notice = container.querySelector('.union-import-notice')?.textContent ?? ''
    expect(notice).toContain('名称、上级工会、类型、地址、联系人、联系电话、统一社会信用代码（可选）')
    expect(notice).toContain('本文件中的另一个工会')
    expect(notice).toContain('名称或统一社会信用代码')
    expect(commitButton(container)).toBeNull()
  })

  it('the dry run lists every problem by row and column, and 确认导入 stays disabled until a checked file is clean', async () => {
    const pick = jest.spyOn(media, 'pickSpreadsheet').mockResolvedValue({ ok: true, filePath: 'blob:bad', name: '东湖工会名单.xlsx', size: 20_000 })
    const { container, requests } = await open((r) => {
      if (r.url === '/api/unions/import/dry-run') return json(200, (r as TransportUpload).filePath === 'blob:bad' ? report() : report({ ...clean, fileName: '东湖工会名单（修正）.xlsx' }))
      if (r.url === '/api/unions/import') return json(200, report({ ...clean, committed: true, fileName: '东湖工会名单（修正）.xlsx', summary: '已导入 5 行：新增 4，更新 1。' }))
      throw new Error(`unexpected ${r.url}`)
    })
    await act(async () => {
      fireEvent.click(screen.getByText('选择工会名单文件'))
    })
    await waitFor(() => expect(container.querySelectorAll('.import-problem')).toHaveLength(4))
    expect(Array.from(container.querySelectorAll('.import-problem')).map((p) => p.textContent)).toEqual([
      '第 4 行 · 上级工会上级工会“东湖镇总工会”不存在，也不在本文件中',
      '第 5 行 · 名称与第 3 行重复：同一上级工会下有两个“东湖第一社区联合工会”',
      '第 6 行 · 联系电话联系电话“8888”格式不正确，应为手机号或带区号的座机号',
      '第 7 行这一行是空的',
    ])
    expect(container.querySelector('.import-rejected')?.textContent).toBe('有问题 4')
    expect(container.querySelector('.import-summary')?.textContent).toContain('整份文件都不会导入')
    expect(isDisabled(commitButton(container))).toBe(true)
    await act(async () => {
      fireEvent.click(commitButton(container) as HTMLElement)
    })
    expect(requests.map((r) => r.url)).toEqual(['/api/unions/import/dry-run'])

    // the fixed file
    pick.mockResolvedValue({ ok: true, filePath: 'blob:fixed', name: '东湖工会名单（修正）.xlsx', size: 20_000 })
    await act(async () => {
      fireEvent.click(screen.getByText('重新选择文件'))
    })
    await waitFor(() => expect(commitButton(container)?.textContent).toBe('确认导入 5 个工会'))
    expect(isDisabled(commitButton(container))).toBe(false)
    expect(container.querySelectorAll('.import-problem')).toHaveLength(0)
    await act(async () => {
      fireEvent.click(commitButton(container) as HTMLElement)
    })
    await waitFor(() => expect(container.querySelector('.import-summary')?.textContent).toBe('已导入 5 行：新增 4，更新 1。'))
    expect(commitButton(container)).toBeNull()
    expect(screen.getByText('返回工会组织')).toBeTruthy()
    expect(requests.map((r) => [r.url, (r as TransportUpload).filePath])).toEqual([
      ['/api/unions/import/dry-run', 'blob:bad'],
      ['/api/unions/import/dry-run', 'blob:fixed'],
      ['/api/unions/import', 'blob:fixed'],
    ])
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '导入完成' }))
  })

  it('a file over 2 MB is refused before uploading; a refusal of the file is shown as the server words it', async () => {
    const pick = jest.spyOn(media, 'pickSpreadsheet').mockResolvedValue({ ok: true, filePath: 'blob:big', name: 'big.xlsx', size: 3 * 1024 * 1024 })
    const { container, requests } = await open(() =>
      json(400, { code: 'BAD_REQUEST', reason: 'UNION_IMPORT_COLUMNS_MISSING', message: '工会名单第 1 行缺少列：类型', requestId: 'r1' }),
    )
    await act(async () => {
      fireEvent.click(screen.getByText('选择工会名单文件'))
    })
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '文件不能超过 2 MB，请分批导入' }))
    expect(requests).toHaveLength(0)

    pick.mockResolvedValue({ ok: true, filePath: 'blob:cols', name: '缺列.csv', size: 200 })
    await act(async () => {
      fireEvent.click(screen.getByText('选择工会名单文件'))
    })
    await waitFor(() => expect(container.querySelector('[role="alert"]')?.textContent).toContain('工会名单第 1 行缺少列：类型'))
    expect(commitButton(container)).toBeNull()
  })
})
