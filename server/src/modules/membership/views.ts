/** Rows → what the contract says people see: a membership, an application as its applicant sees it. */
import { asc, eq } from 'drizzle-orm'
import type { JoinApplication, Membership, TimelineEntry } from '@contract/membership/schemas'
import { maskIdNumber, maskPhone } from '@contract/membership/idcard'
import { MEMBERSHIP_REVIEW_WORKING_DAYS } from '@contract/membership/labels'
import type { DataCipher } from '../../crypto/data'
import type { DbOrTx } from '../../db'
import { orgs } from '../../db/schema/core'
import { applicationEvents, type MembershipApplicationRow } from '../../db/schema/membership'
import { addWorkingDays } from '../calendar'
import type { Member } from './members'

/** The titles of an application's timeline (提交申请 … 审核未通过), in 我的申请 too. */
export const TIMELINE_TITLES: Record<TimelineEntry['kind'], string> = {
  submitted: '提交申请',
  resubmitted: '重新提交申请',
  in_review: '审核中',
  approved: '审核通过',
  rejected: '审核未通过',
}

/** When the review of an application submitted at `submittedAt` is due. */
export const reviewDueBy = (submittedAt: Date): Date => addWorkingDays(submittedAt, MEMBERSHIP_REVIEW_WORKING_DAYS)

export function toMembership(m: Member): Membership {
  return {
    memberNo: m.memberNo,
    name: m.name,
    org: { id: m.orgId, name: m.orgName },
    joinedAt: m.joinedAt.toISOString(),
    employmentType: m.employmentType,
  }
}

/** What the applicant sees: masked ID number and phone, the timeline. */
export async function applicantView(db: DbOrTx, cipher: DataCipher, app: MembershipApplicationRow): Promise<JoinApplication> {
  const [org] = await db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(eq(orgs.id, app.orgId))
  const events = await db
    .select()
    .from(applicationEvents)
    .where(eq(applicationEvents.applicationId, app.id))
    .orderBy(asc(applicationEvents.at), asc(applicationEvents.id))
  const timeline: TimelineEntry[] = []
  for (const e of events) {
    const at = e.at.toISOString()
    timeline.push({ at, kind: e.kind, title: TIMELINE_TITLES[e.kind], note: e.note })
    if (e.kind === 'submitted' || e.kind === 'resubmitted') {
      timeline.push({ at, kind: 'in_review', title: TIMELINE_TITLES.in_review, note: null })
    }
  }
  return {
    id: app.id,
    status: app.status,
    name: app.name,
    idNumberMasked: maskIdNumber(cipher.decrypt(app.idNumberEnc)),
    birthDate: app.birthDate,
    gender: app.gender,
    phoneMasked: maskPhone(cipher.decrypt(app.phoneEnc)),
    employer: app.employer,
    employmentType: app.employmentType,
    org: { id: org.id, name: org.name },
    districtFallback: app.districtFallback,
    submittedAt: app.submittedAt.toISOString(),
    decidedAt: app.decidedAt?.toISOString() ?? null,
    rejectReason: app.rejectReason,
    expectedBy: reviewDueBy(app.submittedAt).toISOString(),
    timeline,
  }
}
