import { act, screen } from '@testing-library/react'
import CardPage from './index'
import { renderWithStores } from '../../../test/render'
import { json, sampleSession } from '../../../test/fakes'
import type { TransportRequest } from '../../../api/client'

async function openCard(answer: () => ReturnType<typeof json>) {
  const view = renderWithStores(<CardPage />)
  view.transport.fallback = (req) => {
    if ((req as TransportRequest).url === '/api/membership/card') return answer()
    throw new Error(`unexpected ${(req as TransportRequest).url}`)
  }
  view.transport.reply(() => json(200, sampleSession('tok-1')))
  await act(async () => {
    await view.root.session.devLogin('gig')
  })
  return view
}

describe('电子会员卡 · 不是会员时', () => {
  it('says "not a member yet" by the refusal’s reason, whatever its wording', async () => {
    await openCard(() => json(404, { code: 'NOT_FOUND', reason: 'NOT_MEMBER', message: '（改写过的提示）请先入会' }))
    await screen.findByText('您还不是工会会员')
    expect(screen.getByText('申请入会')).toBeTruthy()
    expect(screen.queryByText('（改写过的提示）请先入会')).toBeNull()
  })

  it('another refusal (403 that is not NOT_MEMBER) is shown as it is, with 重试 — not as "join first"', async () => {
    await openCard(() => json(403, { code: 'FORBIDDEN', reason: 'FORBIDDEN', message: '账号已被停用，请联系工会' }))
    await screen.findByText('账号已被停用，请联系工会')
    expect(screen.getByText('重试')).toBeTruthy()
    expect(screen.queryByText('您还不是工会会员')).toBeNull()
  })
})
