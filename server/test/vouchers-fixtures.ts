/**
 * Members in bulk for other capabilities' tests (events import them from here): moved to ./builders/vouchers.ts with
 * the rest of the voucher fixtures. Import from there; this re-export only keeps those imports working.
 */
export { createMembers, voucherOrgIds, type LoadMember } from './builders/vouchers'
