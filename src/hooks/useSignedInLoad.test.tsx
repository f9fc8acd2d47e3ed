import { renderHook } from '@testing-library/react'
import { useSignedInLoad } from './useSignedInLoad'

describe('useSignedInLoad', () => {
  it('loads once the member is signed in, and not again on a re-render', () => {
    const load = jest.fn(async () => undefined)
    const { rerender } = renderHook(({ authed }) => useSignedInLoad(authed, false, () => load()), { initialProps: { authed: false } })
    expect(load).not.toHaveBeenCalled()
    rerender({ authed: true })
    expect(load).toHaveBeenCalledTimes(1)
    rerender({ authed: true })
    expect(load).toHaveBeenCalledTimes(1)
  })
})
