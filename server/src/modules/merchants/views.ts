/** A merchant row → the offer as the contract shows it. */
import type { Merchant } from '@contract/merchants/schemas'
import type { MerchantRow } from '../../db/schema/merchants'

export function toMerchant(r: MerchantRow, distanceMeters: number | null): Merchant {
  return {
    id: r.id,
    name: r.name,
    category: r.category,
    offer: r.offer,
    validFrom: r.validFrom,
    validTo: r.validTo,
    address: r.address,
    lat: r.lat,
    lng: r.lng,
    orgId: r.orgId,
    distanceMeters,
  }
}
