/** 关怀模式 in a subpackage page (issue 18): in WeChat no app-wide root carries the class, so the page's root view must. */
import { act, screen } from '@testing-library/react'
import LegalHome from './index'
import { renderSignedIn } from '../../../test/render'
import { json, sampleMe, sampleSession } from '../../../test/fakes'
import type { TransportRequest } from '../../../api/client'
import * as taro from '@tarojs/taro'

// A page hook the jsdom setup does not provide (no scrolling to the end here).
const hooks = taro as unknown as Record<string, unknown>
if (typeof hooks.useReachBottom !== 'function') hooks.useReachBottom = () => undefined

const reply = (req: unknown) => {
  const r = req as TransportRequest
  return r.method === 'PATCH' ? json(200, { ...sampleMe, careMode: true }) : json(200, { items: [], nextCursor: null })
}
const pageRoot = (c: HTMLElement) => c.querySelector('.legal-home') as HTMLElement

describe('法律援助 in 关怀模式', () => {
  it('has care-mode on its root view when the member chose 关怀模式', async () => {
    const view = await renderSignedIn(<LegalHome />, 'member', reply, { ...sampleSession('tok-c'), user: { ...sampleMe, careMode: true } })
    expect(await screen.findByText('我要咨询')).toBeTruthy()
    expect(pageRoot(view.container).classList.contains('care-mode')).toBe(true)
    expect(pageRoot(view.container).classList.contains('page')).toBe(true)
  })

  it('has no care-mode normally, and gains it as soon as 关怀模式 is switched on', async () => {
    const view = await renderSignedIn(<LegalHome />, 'member', reply)
    expect(await screen.findByText('我要咨询')).toBeTruthy()
    expect(pageRoot(view.container).classList.contains('care-mode')).toBe(false)
    await act(async () => {
      await view.root.session.setCareMode(true)
    })
    expect(pageRoot(view.container).classList.contains('care-mode')).toBe(true)
  })
})
