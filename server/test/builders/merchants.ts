/** Builders of the merchant tests: an offer as the admin's form sends it. */
import type { z } from 'zod'
import type { MerchantInput } from '@contract/merchants/schemas'

export type OfferForm = z.input<typeof MerchantInput>

/** An offer of the union `orgId`, valid through November and December 2026 (the tests' clock is 2026-11-23). */
export function offer(orgId: number, over: Partial<OfferForm> = {}): OfferForm {
  return {
    name: '新开张水果店',
    category: 'supermarket',
    offer: '会员 95 折',
    validFrom: '2026-11-01',
    validTo: '2026-12-31',
    address: '示例市云溪区青禾路 99 号',
    lat: 30.29,
    lng: 120.17,
    orgId,
    ...over,
  }
}
