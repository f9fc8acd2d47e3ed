/**
 * 活动数据's management row: 编辑活动 (the 新建 form, filled from the campaign), 追加库存 (shared stock: a number, sent
 * as the edit with that many more; split per venue: the form, where each venue has its number) and 结束发放 (after a
 * confirm that says what happens to the vouchers already issued). The campaign itself is read when an action needs
 * it; the server decides what may change (contract/vouchers/edit-rules.ts) and its refusal is shown as it says it.
 */
import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Button, Input, Text, View } from '@tarojs/components'
import { vouchersApi } from '@contract/vouchers/api'
import { pages } from '@contract/pages'
import { endCampaignWarning } from '@contract/vouchers/edit-rules'
import { toCampaignInput, withMoreStock } from '@contract/vouchers/campaign-form'
import type { RootStore } from '../../../stores/RootStore'
import { FieldError } from '../../../components/FieldError'
import { isApiError } from '../../../api/errors'
import { go, toast } from '../../../platform/ui'

const say = (err: unknown) => toast(isApiError(err) ? err.message : '操作失败，请稍后再试')

export function CampaignActions({ root, id, onChanged }: { root: RootStore; id: number; onChanged: (ended: boolean) => void }) {
  const [adding, setAdding] = useState(false)
  const [amount, setAmount] = useState('')
  const [amountError, setAmountError] = useState('')
  const [busy, setBusy] = useState(false)
  const load = async () => (await root.api.send(vouchersApi.campaign, { params: { id } })).campaign

  const addStock = async () => {
    const n = Number(amount)
    if (!/^\d+$/.test(amount.trim()) || n < 1) return setAmountError('请填写 1 以上的整数')
    setBusy(true)
    try {
      const c = await load()
      if (c.venueStock) {
        // Split per venue: each venue's number is in the form.
        go(pages.vouchersStaff.edit.url({ id }))
        return
      }
      const checked = toCampaignInput(withMoreStock(c, n), c.orgId)
      if (!checked.ok) return toast(Object.values(checked.errors)[0])
      const saved = await root.api.send(vouchersApi.editCampaign, { params: { id }, body: checked.input })
      toast(`已追加 ${n} 张，共 ${saved.totalStock} 张`, 'success')
      setAdding(false)
      setAmount('')
      onChanged(false)
    } catch (err) {
      if (isApiError(err) && err.fields.totalStock) setAmountError(err.fields.totalStock)
      else say(err)
    } finally {
      setBusy(false)
    }
  }

  const endNow = async () => {
    setBusy(true)
    try {
      const c = await load()
      const ok = (await Taro.showModal({ title: `结束发放「${c.title}」？`, content: endCampaignWarning(c), confirmText: '结束发放', cancelText: '取消' })).confirm
      if (!ok) return
      await root.api.send(vouchersApi.endCampaign, { params: { id } })
      toast('已结束发放', 'success')
      onChanged(true)
    } catch (err) {
      say(err)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='card campaign-actions'>
      <View className='row-actions'>
        <Button className='btn btn-ghost edit-campaign-btn' disabled={busy || undefined} onClick={() => go(pages.vouchersStaff.edit.url({ id }))}>
          编辑活动
        </Button>
        <Button className='btn btn-ghost add-stock-btn' disabled={busy || undefined} onClick={() => setAdding((a) => !a)}>
          追加库存
        </Button>
        <Button className='btn btn-ghost end-campaign-btn' disabled={busy || undefined} onClick={() => void endNow()}>
          结束发放
        </Button>
      </View>
      {adding ? (
        <View className='form-field field-addStock'>
          <Text className='form-label'>追加数量（张）</Text>
          <Input
            className='form-input'
            type='number'
            value={amount}
            placeholder='如 20'
            nativeProps={{ 'aria-label': '追加数量（张）' }}
            onInput={(e) => {
              setAmount(e.detail.value)
              setAmountError('')
            }}
          />
          <FieldError message={amountError} />
          <Button className='btn btn-primary btn-block confirm-add-stock' loading={busy || undefined} disabled={busy || undefined} onClick={() => void addStock()}>
            确定追加
          </Button>
        </View>
      ) : null}
    </View>
  )
}
