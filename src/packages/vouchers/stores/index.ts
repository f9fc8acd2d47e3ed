/** The vouchers subpackage's stores, created per page (they never enter the main package). */
import type { RootStore } from '../../../stores/RootStore'
import { CampaignStore } from './CampaignStore'
import { MyVouchersStore } from './MyVouchersStore'

export function createCampaignStore(root: RootStore, campaignId: number): CampaignStore {
  return new CampaignStore(campaignId, { api: root.api, storage: root.storage, now: root.now, userId: () => root.session.me?.id ?? null })
}

export function createMyVouchersStore(root: RootStore): MyVouchersStore {
  return new MyVouchersStore(root.api, root.now, { storage: root.storage, userId: () => root.session.me?.id ?? null })
}
