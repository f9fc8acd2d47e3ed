import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import RosterImportPage from './RosterImportPage'
import { FakeServer, refusal } from '../../../test/fake-server'
import { fakeFetch, renderPage } from '../../../test/render-page'

const previewRow = (row: number, outcome: string, over: Record<string, unknown> = {}) => ({
  row,
  name: `台账会员${row}`,
  idNumber: '3301**********001X',
  phone: '139****0701',
  unionName: '星河物流有限公司工会',
  outcome,
  problems: [],
  ...over,
})

const report = (over: Record<string, unknown> = {}) => ({
  fileName: '星河台账.xlsx',
  committed: false,
  policy: 'all_or_nothing',
  summary: '共 5 行，其中 2 行有问题。',
  counts: { total: 5, new: 3, updated: 0, unchanged: 0, rejected: 2 },
  problems: [
    { row: 5, column: '身份证号', message: '身份证号码校验位不正确，请核对后重新输入' },
    { row: 6, column: '身份证号', message: '该身份证号已是工会会员' },
  ],
  problemsTruncated: false,
  rows: [
    previewRow(2, 'new'),
    previewRow(3, 'new'),
    previewRow(4, 'new'),
    previewRow(5, 'error', { problems: [{ column: '身份证号', message: '身份证号码校验位不正确，请核对后重新输入' }] }),
    previewRow(6, 'member', { problems: [{ column: '身份证号', message: '该身份证号已是工会会员' }] }),
  ],
  rowsTruncated: false,
  members: 1,
  skipped: 0,
  ...over,
})

const pastImport = { id: 1, at: '2026-11-20T02:00:00.000Z', actor: { id: 7, name: '管理员·周' }, action: 'membership.roster_import', subjectType: 'roster', subjectId: null,
  org: { id: 5, name: '星河物流有限公司工会' }, ip: null, userAgent: null, device: null, channel: 'console', detail: { fileName: '旧台账.xlsx', counts: { new: 12, updated: 1 } }, sensitive: false }

const xlsxFile = (name = '星河台账.xlsx', size = 2000) => {
  const f = new File([new Uint8Array(size)], name, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })
  return f
}

const upload = async (file: File) => {
  const input = document.querySelector('input[type=file]') as HTMLInputElement
  await act(async () => {
    fireEvent.change(input, { target: { files: [file] } })
  })
}

const button = (name: RegExp) => Array.from(document.querySelectorAll('button')).find((b) => name.test(b.textContent?.replace(/\s/g, '') ?? ''))!

beforeEach(() => {
  URL.createObjectURL = jest.fn(() => 'blob:roster')
  URL.revokeObjectURL = jest.fn()
})

describe('会员名册导入', () => {
  it('checks the file: the table row by row, counts on top, the Chinese message on the bad row, a filter by outcome', async () => {
    const server = new FakeServer()
      .on('GET /api/audit', () => ({ body: { items: [pastImport], nextCursor: null } }))
      .on('POST /api/membership/roster/dry-run', () => ({ body: report() }))
    renderPage(<RosterImportPage />, server)
    // the past imports, from the audit log
    expect(await screen.findByText('旧台账.xlsx', undefined, { timeout: 20_000 })).toBeTruthy()
    expect(server.called('GET /api/audit')[0].url).toContain('action=membership.roster_import')

    await upload(xlsxFile())
    expect(await screen.findByText('检查结果：星河台账.xlsx')).toBeTruthy()
    expect(server.called('POST /api/membership/roster/dry-run')[0].data).toEqual({ fileName: '星河台账.xlsx' })
    const bad = screen.getByText('身份证号：身份证号码校验位不正确，请核对后重新输入').closest('tr')!
    expect(bad.textContent).toContain('台账会员5')
    expect(bad.textContent).toContain('有错误')
    expect(screen.getByText('身份证号：该身份证号已是工会会员').closest('tr')!.textContent).toContain('已是会员')
    expect(screen.getAllByText('新增', { selector: '.ant-tag' })).toHaveLength(3)
    expect(screen.getByText(/2 行不会导入（1 行已是会员，1 行有错误）/)).toBeTruthy()

    await act(async () => {
      fireEvent.click(screen.getByText('有错误 1', { selector: '.ant-segmented-item-label' }))
    })
    expect(document.querySelectorAll('tbody tr.ant-table-row')).toHaveLength(1 + 1) // the preview's one row + the past import
    expect(screen.queryByText('台账会员2')).toBeNull()
    expect(button(/^确认导入3人（跳过2行）$/)).toBeTruthy()
  }, 120_000)

  it('确认导入 writes the good rows (skipRejected), shows the result and the problem rows’ download; the chosen union goes with the file', async () => {
    const server = new FakeServer()
      .on('GET /api/audit', () => ({ body: { items: [], nextCursor: null } }))
      .on('GET /api/staff/unions', () => ({ body: { items: [{ id: 5, name: '星河物流有限公司工会', parentName: '青禾街道总工会' }], nextCursor: null } }))
      .on('POST /api/membership/roster/dry-run', () => ({ body: report() }))
      .on('POST /api/membership/roster/import', () => ({ body: report({ committed: true, policy: 'skip_rejected', skipped: 2 }) }))
    renderPage(<RosterImportPage />, server)
    expect(await screen.findByText('还没有导入过会员名册', undefined, { timeout: 20_000 })).toBeTruthy()
    await act(async () => {
      fireEvent.mouseDown(screen.getByLabelText('导入到'))
    })
    await act(async () => {
      fireEvent.click(await screen.findByText('星河物流有限公司工会（青禾街道总工会）', { selector: '.ant-select-item-option-content' }))
    })
    await upload(xlsxFile())
    await screen.findByText('检查结果：星河台账.xlsx')
    expect(server.called('POST /api/membership/roster/dry-run')[0].url).toBe('/api/membership/roster/dry-run?orgId=5')
    await act(async () => {
      fireEvent.click(button(/^确认导入3人/))
    })
    expect(await screen.findByText('已导入 3 人')).toBeTruthy()
    expect(server.called('POST /api/membership/roster/import')[0].url).toBe('/api/membership/roster/import?orgId=5&skipRejected=1')
    expect(screen.getByText(/跳过 2 行/)).toBeTruthy()
    await waitFor(() => expect(server.called('GET /api/audit').length).toBeGreaterThanOrEqual(2)) // the past imports again

    const calls = fakeFetch()
    await act(async () => {
      fireEvent.click(button(/^下载问题行$/))
    })
    await waitFor(() => expect(calls).toHaveLength(1))
    expect(calls[0].url).toBe('/api/membership/roster/problems?orgId=5')
    expect(calls[0].headers.authorization).toBe('Bearer console-token-1')
  }, 120_000)

  it('a clean file commits all or nothing (no skip); the server’s refusals are shown by reason', async () => {
    let answer: 'type' | 'clean' = 'type'
    const server = new FakeServer()
      .on('GET /api/audit', () => ({ body: { items: [], nextCursor: null } }))
      .on('POST /api/membership/roster/dry-run', () =>
        answer === 'type'
          ? refusal(415, 'ROSTER_FILE_TYPE', '仅支持 Excel（.xlsx）或 CSV（UTF-8 / GBK）格式的台账（改写）')
          : { body: report({ counts: { total: 3, new: 3, updated: 0, unchanged: 0, rejected: 0 }, problems: [], rows: [previewRow(2, 'new'), previewRow(3, 'new'), previewRow(4, 'new')], members: 0 }) },
      )
      .on('POST /api/membership/roster/import', () => ({ body: report({ committed: true, counts: { total: 3, new: 3, updated: 0, unchanged: 0, rejected: 0 }, problems: [], rows: [], members: 0 }) }))
    renderPage(<RosterImportPage />, server)
    await screen.findByText('还没有导入过会员名册', undefined, { timeout: 20_000 })
    await upload(xlsxFile('照片.xlsx'))
    expect(await screen.findByText('文件格式不支持')).toBeTruthy()
    expect(screen.getByText('仅支持 Excel（.xlsx）或 CSV（UTF-8 / GBK）格式的台账（改写）')).toBeTruthy()

    // too large: refused before any upload
    await upload(xlsxFile('大.xlsx', 5 * 1024 * 1024 + 1))
    expect(await screen.findByText('文件太大')).toBeTruthy()
    expect(server.called('POST /api/membership/roster/dry-run')).toHaveLength(1)

    answer = 'clean'
    await upload(xlsxFile())
    await screen.findByText(/检查通过：可导入 3 人/)
    await act(async () => {
      fireEvent.click(button(/^确认导入3人$/))
    })
    expect(await screen.findByText('已导入 3 人')).toBeTruthy()
    expect(server.called('POST /api/membership/roster/import')[0].url).toBe('/api/membership/roster/import')
    expect(screen.queryByText('下载问题行')).toBeNull()
  }, 120_000)
})
