/** 我要咨询: errors land beside their fields (the form's own and the server's, by reason), and the draft survives. */
import { ApiError } from '../../../api/errors'
import type { ApiClient } from '../../../api/client'
import { MemoryStorage } from '../../../stores/storage'
import { AskStore } from './AskStore'

function storeWith(send: jest.Mock, storage = new MemoryStorage()) {
  return { storage, store: new AskStore({ api: { send } as unknown as ApiClient, storage, userId: () => 7, now: () => 1_000 }) }
}

it('shows the form’s errors beside the fields and sends nothing', async () => {
  const send = jest.fn()
  const { store } = storeWith(send)
  store.set('kind', 'unpaid_wages')
  store.set('contactPref', 'phone')
  expect(await store.submit()).toBeNull()
  expect(Object.keys(store.errors).sort()).toEqual(['amount', 'contactTime', 'description', 'employer', 'phone'])
  expect(send).not.toHaveBeenCalled()
  store.set('employer', '云溪速达')
  expect(store.errors.employer).toBeUndefined()
})

it('keeps the draft on the device through a refusal and a restart; clears it once the case exists', async () => {
  const refusal = new ApiError({ code: 'VALIDATION', reason: 'LEGAL_AMOUNT_REQUIRED', message: '换个说法：请填写金额', status: 400, fields: { amount: '换个说法：请填写金额' } })
  const send = jest.fn().mockRejectedValueOnce(refusal).mockResolvedValueOnce({ id: 5 })
  const { store, storage } = storeWith(send)
  store.set('kind', 'unpaid_wages')
  store.set('employer', '云溪速达配送站')
  store.set('amount', '6800')
  store.set('description', '站点拖欠我两个月工资，多次催讨未果。')
  store.set('contactPref', 'online')
  store.set('contactTime', 'any')
  expect(await store.submit()).toBeNull()
  expect(store.errors.amount).toBe('换个说法：请填写金额')

  const reopened = new AskStore({ api: { send } as unknown as ApiClient, storage, userId: () => 7, now: () => 2_000 })
  expect(reopened.value).toMatchObject({ employer: '云溪速达配送站', amount: '6800' })

  expect(await reopened.submit()).toEqual({ id: 5 })
  expect(send.mock.calls[1][1].body).toMatchObject({ kind: 'unpaid_wages', amount: 6800, phone: null })
  const fresh = new AskStore({ api: { send } as unknown as ApiClient, storage, userId: () => 7 })
  expect(fresh.value.employer).toBe('')
})
