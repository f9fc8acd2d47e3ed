/** 首页 (issue 18): the ten services normally; in 关怀模式 the six most used, one per row; the once-only offer. */
import { act, fireEvent, screen } from '@testing-library/react'
import HomePage from './index'
import { renderSignedIn } from '../../test/render'
import { json, sampleMe, sampleSession } from '../../test/fakes'
import { CARE_OFFERED_KEY } from '../../stores/SessionStore'

const largeText = { value: false }
jest.mock('../../platform/display', () => ({
  display: { systemLargeText: () => largeText.value, applyCareMode: () => undefined, markLandmarks: () => undefined },
}))

const names = (c: HTMLElement) => Array.from(c.querySelectorAll('.tile-name')).map((e) => e.textContent)

describe('首页', () => {
  beforeEach(() => {
    largeText.value = false
  })

  it('shows every service normally, and the six most used in 关怀模式', async () => {
    const normal = await renderSignedIn(<HomePage />, 'member', () => json(200, {}))
    expect(names(normal.container)).toHaveLength(10)
    expect(normal.container.querySelector('.care-mode')).toBeNull()
    normal.unmount()

    const care = await renderSignedIn(<HomePage />, 'member', () => json(200, {}), { ...sampleSession('tok-c'), user: { ...sampleMe, careMode: true } })
    expect(names(care.container)).toEqual(['电子会员卡', '福利领券', '活动报名', '帮扶救助', '爱心驿站', '法律援助'])
    expect(care.container.querySelector('.home-page')?.classList.contains('care-mode')).toBe(true)
  })

  it('offers 关怀模式 once to someone whose system text is large', async () => {
    largeText.value = true
    const view = await renderSignedIn(<HomePage />, 'member', (req) => json(200, 'method' in req && req.method === 'PATCH' ? { ...sampleMe, careMode: true } : {}))
    expect(screen.getByText('开启关怀模式')).toBeTruthy()
    await act(async () => {
      fireEvent.click(screen.getByText('开启关怀模式'))
    })
    expect(view.storage.getItem(CARE_OFFERED_KEY)).toBe('1')
    expect(names(view.container)).toHaveLength(6)
    expect(view.container.querySelector('.care-offer')).toBeNull()
  })

  it('暂不需要 dismisses the offer for good', async () => {
    largeText.value = true
    const view = await renderSignedIn(<HomePage />, 'member', () => json(200, {}))
    await act(async () => {
      fireEvent.click(screen.getByText('暂不需要'))
    })
    expect(view.container.querySelector('.care-offer')).toBeNull()
    expect(view.root.session.careMode).toBe(false)
    expect(view.storage.getItem(CARE_OFFERED_KEY)).toBe('1')
  })
})
