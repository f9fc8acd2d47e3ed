import Taro from '@tarojs/taro'

/**
 * Taro's H5 default export lacks showToast under jest (the build merges it in): call in a describe block to stand a
 * jest.fn in for it around that block's tests; returns it, to check what a page told the user.
 */
export function stubToast(): jest.Mock {
  const t = Taro as unknown as { showToast?: unknown }
  const had = t.showToast
  const toast = jest.fn(async () => ({ errMsg: 'showToast:ok' }))
  beforeAll(() => {
    t.showToast = toast
  })
  afterAll(() => {
    t.showToast = had
  })
  return toast
}
