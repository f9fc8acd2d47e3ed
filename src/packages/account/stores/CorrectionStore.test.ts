/** 更正: errors land beside their fields (the form's own and the server's), whole-request refusals above the button, the draft survives. */
import { ApiError } from '../../../api/errors'
import type { ApiClient } from '../../../api/client'
import { MemoryStorage } from '../../../stores/storage'
import { CorrectionStore } from './CorrectionStore'

function storeWith(send: jest.Mock, storage = new MemoryStorage(), userId = 7) {
  return { storage, store: new CorrectionStore({ api: { send } as unknown as ApiClient, storage, userId: () => userId, now: () => 1_000 }) }
}

it('says beside the fields what the form can tell, and sends nothing', async () => {
  const send = jest.fn()
  const { store } = storeWith(send)
  expect(await store.submit()).toBeNull()
  expect(store.formError).toBe('请填写需要更正的姓名或手机号')
  store.set('phone', '1380013')
  expect(store.formError).toBeNull()
  expect(await store.submit()).toBeNull()
  expect(store.errors).toEqual({ phone: '请输入正确的 11 位手机号码' })
  expect(send).not.toHaveBeenCalled()
})

it('keeps the draft through a refusal and a restart; sends only what was filled, trimmed; clears it once the union has it', async () => {
  const refusal = new ApiError({ code: 'VALIDATION', reason: 'CORRECTION_NAME_INVALID', message: '换个说法：姓名请用中文', status: 400, fields: { name: '换个说法：姓名请用中文' } })
  const send = jest.fn().mockRejectedValueOnce(refusal).mockResolvedValueOnce({ id: 3, status: 'pending' })
  const { store, storage } = storeWith(send)
  store.set('name', ' Wang ')
  store.set('reason', ' 改名了 ')
  expect(await store.submit()).toBeNull()
  expect(store.errors).toEqual({ name: '换个说法：姓名请用中文' })

  const reopened = storeWith(send, storage).store // the app closed and opened again
  expect(reopened.value).toEqual({ name: ' Wang ', phone: '', reason: ' 改名了 ' })
  reopened.set('name', '王晓骑')
  expect(await reopened.submit()).toMatchObject({ id: 3 })
  expect(send.mock.calls[1][1]).toEqual({ body: { name: '王晓骑', reason: '改名了' } })
  expect(storeWith(send, storage).store.value).toEqual({ name: '', phone: '', reason: '' })
})

it('a refusal about the whole request is shown above the button (its message, whatever the wording)', async () => {
  const send = jest.fn().mockRejectedValueOnce(new ApiError({ code: 'CONFLICT', reason: 'CORRECTION_UNCHANGED', message: '改写的文案：没有变化', status: 400 }))
  const { store } = storeWith(send)
  store.set('phone', '13912345678')
  expect(await store.submit()).toBeNull()
  expect(store.formError).toBe('改写的文案：没有变化')
  expect(store.errors).toEqual({})
})

it('another user on the same phone never sees the previous user’s typing', () => {
  const storage = new MemoryStorage()
  storeWith(jest.fn(), storage, 7).store.set('name', '王晓骑')
  expect(storeWith(jest.fn(), storage, 8).store.value.name).toBe('')
  expect(storeWith(jest.fn(), storage, 7).store.value.name).toBe('王晓骑')
})
