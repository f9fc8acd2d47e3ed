/**
 * 福利券: campaigns created by admins for their union subtree; verified members of the subtree claim free, limited
 * vouchers (first come, first served) or enter a lottery; venue staff redeem them. `app.services.vouchers` is this
 * facade, built once (container.ts): it builds each use case once and every method hands over to one of them.
 *
 *   campaigns.ts      create, list the managed ones, venues a new one may list, who sees figures (managedCampaign)
 *   edit.ts           编辑活动 and 结束发放 of a published campaign (the rule by stage: contract/vouchers/edit-rules.ts)
 *   claiming.ts       the first-come claim (claim.ts: the batcher and the database call; display-cache.ts)
 *   lottery.ts        enter, withdraw, the public draw record          settle.ts   draw and hand on lapsed wins
 *   waitlist.ts       join, leave, hand a returned unit on             my-vouchers.ts   mine, return, confirm
 *   redeem.ts         redeem at a venue                                redeem-batch.ts  the offline queue
 *   stats.ts          figures                                          export-csv.ts    the CSV export
 *   member-views.ts   the member's list and campaign page              views.ts, reads.ts, common.ts: shared
 *   expiry-reminders.ts   the day-before-expiry reminder (a job)
 */
import type {
  Campaign,
  CampaignStats,
  ClaimResult,
  DrawRecord,
  EntryResult,
  MemberCampaign,
  MemberCampaignItem,
  MyWaitlist,
  RedeemBatchItem,
  RedeemBatchResult,
  Redemption,
  StaffVenue,
  Voucher,
} from '@contract/vouchers/schemas'
import type { AppDeps } from '../../http/deps'
import type { AuthUser, TokenUser } from '../../auth/sessions'
import { Campaigns, type CampaignInput, type ManageCampaignsQuery } from './campaigns'
import { Claiming } from './claiming'
import { DisplayCache } from './display-cache'
import { CampaignEditing } from './edit'
import { ExpiryReminders } from './expiry-reminders'
import { CsvExport } from './export-csv'
import { Lottery } from './lottery'
import { MemberViews, type MemberListRow } from './member-views'
import { MyVouchers } from './my-vouchers'
import { OfflineRedeem } from './redeem-batch'
import { Redeeming } from './redeem'
import { Settlement, type SettleDueResult } from './settle'
import { Stats } from './stats'
import { Waitlist } from './waitlist'

export class VoucherService {
  private readonly campaigns: Campaigns
  private readonly editing: CampaignEditing
  private readonly claiming: Claiming
  private readonly settlement: Settlement
  private readonly lottery: Lottery
  private readonly waitlist: Waitlist
  private readonly memberViews: MemberViews
  private readonly myVouchers: MyVouchers
  private readonly redeeming: Redeeming
  private readonly offline: OfflineRedeem
  private readonly figures: Stats
  private readonly csv: CsvExport
  private readonly expiry: ExpiryReminders

  constructor(deps: AppDeps) {
    this.settlement = new Settlement(deps)
    this.campaigns = new Campaigns(deps)
    const display = new DisplayCache(deps.db)
    this.claiming = new Claiming(deps, display)
    this.editing = new CampaignEditing(deps, display, this.settlement)
    this.lottery = new Lottery(deps, this.settlement)
    this.waitlist = new Waitlist(deps)
    this.memberViews = new MemberViews(deps, this.settlement)
    this.myVouchers = new MyVouchers(deps, this.settlement)
    this.redeeming = new Redeeming(deps)
    this.offline = new OfflineRedeem(deps)
    this.figures = new Stats(deps, this.settlement)
    this.csv = new CsvExport(deps)
    this.expiry = new ExpiryReminders(deps)
  }

  // ---------- members ----------
  list(user: AuthUser, rows: MemberListRow[]): Promise<{ items: MemberCampaignItem[]; serverTime: string }> {
    return this.memberViews.list(user, rows)
  }
  detail(user: AuthUser, campaignId: number): Promise<{ campaign: MemberCampaign; serverTime: string }> {
    return this.memberViews.detail(user, campaignId)
  }
  claim(user: TokenUser, campaignId: number, idempotencyKey: string | null, venueId: number | null = null): Promise<ClaimResult> {
    return this.claiming.claim(user, campaignId, idempotencyKey, venueId)
  }
  mine(user: AuthUser, first?: Parameters<MyVouchers['mine']>[1]): Promise<{ items: Voucher[]; serverTime: string }> {
    return this.myVouchers.mine(user, first)
  }
  cancel(user: AuthUser, voucherId: number): Promise<Voucher> {
    return this.myVouchers.cancel(user, voucherId)
  }
  confirm(user: AuthUser, voucherId: number): Promise<Voucher> {
    return this.myVouchers.confirm(user, voucherId)
  }

  // ---------- lottery ----------
  enter(user: AuthUser, campaignId: number): Promise<EntryResult> {
    return this.lottery.enter(user, campaignId)
  }
  withdrawEntry(user: AuthUser, campaignId: number): Promise<{ campaignId: number; entries: number }> {
    return this.lottery.withdrawEntry(user, campaignId)
  }
  /** `admin`: the explicit draw by campaigns.manage. */
  drawRecord(user: AuthUser, campaignId: number, admin = false): Promise<DrawRecord> {
    return this.lottery.drawRecord(user, campaignId, admin)
  }
  /** The timer's job (./jobs.ts). */
  settleDue(onError?: (campaignId: number, err: unknown) => void): Promise<SettleDueResult> {
    return this.settlement.settleDue(onError)
  }
  /** The timer's job (./jobs.ts): tell holders of vouchers ending within a day, once each; returns how many. */
  remindExpiring(): Promise<number> {
    return this.expiry.sendDue()
  }

  // ---------- waitlist ----------
  joinWaitlist(user: AuthUser, campaignId: number): Promise<MyWaitlist> {
    return this.waitlist.join(user, campaignId)
  }
  leaveWaitlist(user: AuthUser, campaignId: number): Promise<MyWaitlist> {
    return this.waitlist.leave(user, campaignId)
  }

  // ---------- staff ----------
  myRedeemVenues(user: AuthUser): Promise<StaffVenue[]> {
    return this.redeeming.myRedeemVenues(user)
  }
  redeem(user: AuthUser, body: { code: string; venueId: number }): Promise<Redemption> {
    return this.redeeming.redeem(user, body)
  }
  redeemBatch(user: AuthUser, body: { lastSyncAt: string; items: RedeemBatchItem[] }): Promise<RedeemBatchResult[]> {
    return this.offline.redeemBatch(user, body)
  }
  venuesForCampaign(user: AuthUser, orgId: number): Promise<StaffVenue[]> {
    return this.campaigns.venuesFor(user, orgId)
  }
  createCampaign(user: AuthUser, input: CampaignInput): Promise<Campaign> {
    return this.campaigns.create(user, input)
  }
  editCampaign(user: AuthUser, campaignId: number, input: CampaignInput): Promise<Campaign> {
    return this.editing.edit(user, campaignId, input)
  }
  endCampaign(user: AuthUser, campaignId: number): Promise<Campaign> {
    return this.editing.end(user, campaignId)
  }
  listManaged(user: AuthUser, query: ManageCampaignsQuery): Promise<{ items: Campaign[]; nextCursor: string | null; serverTime: string }> {
    return this.campaigns.listManaged(user, query)
  }
  stats(user: AuthUser, campaignId: number): Promise<CampaignStats> {
    return this.figures.stats(user, campaignId)
  }
  exportCsv(user: AuthUser, campaignId: number): Promise<{ filename: string; csv: string }> {
    return this.csv.exportCsv(user, campaignId)
  }
  async exportXlsx(user: AuthUser, campaignId: number): Promise<{ filename: string; bytes: Buffer }> {
    return this.csv.exportXlsx(user, campaignId, await this.figures.stats(user, campaignId))
  }
}
