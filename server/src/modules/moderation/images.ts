/**
 * Images users publish to others (a problem report's photo, an avatar): after the capability's transaction has
 * attached the upload, `checkImage` hands WeChat mediaCheckAsync a signed link to it (PUBLIC_URL + the files
 * module's `/api/files/<id>?exp&sig`, which any client — WeChat's downloader included — can fetch until it expires)
 * and records the trace id. WeChat pushes the verdict later (`applyMediaVerdict`, from POST /api/moderation/wechat-push):
 * pass → passed · review → held for staff · risky → rejected, hidden from everyone but the owner and staff, and the
 * owner is told.
 *
 * Until the verdict the image is SHOWN (WeChat's own model for mediaCheckAsync), not held as pending. Why: the
 * verdict is a push that may never come — the push URL misconfigured, WeChat busy, PUBLIC_URL unset, WeChat off in
 * development — and a pending state would then hide every photo for good (or need a timer that shows them anyway,
 * which is the same exposure later). The exposure is bounded: WeChat answers within minutes, a risky verdict hides
 * the image everywhere at once (every read asks `withheld`), and a link already handed out dies within
 * FILE_URL_TTL_SECONDS. Texts, which can be judged on the spot, are never shown before their check.
 *
 * There is no local fallback for images: when WeChat cannot take the check the image stays shown and the log says so.
 */
import { eq } from 'drizzle-orm'
import { MODERATION_REJECTED_KIND, MODERATION_SUBJECT_LABELS, type ModerationSubject } from '@contract/moderation/labels'
import { ModerationReasons } from '@contract/moderation/reasons'
import type { AppDeps } from '../../http/deps'
import { moderationItems } from '../../db/schema/moderation'
import { refuse } from '../../errors'
import { audit } from '../../audit'
import { WechatApiError } from '../../wechat/client'
import { mediaCheckAsync, type MediaCheckPush, type SecurityScene } from '../../wechat/security'
import { notify } from '../notifications'
import { moderationLog } from './log'
import { openidOf, ownerOrgId } from './text'

export interface ImageCheck {
  kind: Extract<ModerationSubject, 'stations.report_photo' | 'auth.avatar'>
  fileId: string
  ownerUserId: number
  scene: SecurityScene
  /** The union whose staff decide it; omitted → the owner's. */
  orgId?: number | null
  link?: string | null
}

/** After the upload is attached (its own transaction): send it to WeChat. Never throws: a failure is logged. */
export async function checkImage(deps: AppDeps, input: ImageCheck): Promise<void> {
  const log = moderationLog(deps)
  const { config } = deps
  if (!config.contentCheck.wechat || !deps.wechat) {
    log.info({ path: 'none', kind: input.kind, fileId: input.fileId }, 'image not checked: WeChat content check is off')
    return
  }
  if (!config.publicUrl) {
    log.warn({ path: 'none', kind: input.kind, fileId: input.fileId }, 'image not checked: PUBLIC_URL is not set, WeChat could not fetch it')
    return
  }
  try {
    const openid = await openidOf(deps.db, input.ownerUserId)
    const mediaUrl = config.publicUrl + deps.files.signedUrl(input.fileId)
    const { traceId } = await mediaCheckAsync(deps.wechat, { mediaUrl, scene: input.scene, openid })
    const now = new Date(deps.now())
    const orgId = input.orgId !== undefined ? input.orgId : await ownerOrgId(deps.db, input.ownerUserId)
    await deps.db.insert(moderationItems).values({
      subjectKind: input.kind,
      subjectId: input.fileId,
      ownerUserId: input.ownerUserId,
      orgId,
      fileId: input.fileId,
      source: 'wechat',
      traceId,
      status: 'checking',
      link: input.link ?? null,
      createdAt: now,
      updatedAt: now,
    })
    log.info({ path: 'wechat', kind: input.kind, fileId: input.fileId, traceId }, 'image sent to WeChat mediaCheckAsync')
  } catch (err) {
    if (!(err instanceof WechatApiError)) throw err
    log.warn({ path: 'none', kind: input.kind, fileId: input.fileId, wechat: err.failure }, 'image not checked: WeChat mediaCheckAsync unavailable')
  }
}

/** WeChat's verdict on an image: settles its item once (a repeated push changes nothing). Unknown trace id → 404. */
export async function applyMediaVerdict(deps: AppDeps, push: MediaCheckPush): Promise<void> {
  const log = moderationLog(deps)
  await deps.db.transaction(async (tx) => {
    const [item] = await tx.select().from(moderationItems).where(eq(moderationItems.traceId, push.traceId)).for('update')
    if (!item) throw refuse(ModerationReasons.MODERATION_TRACE_UNKNOWN)
    if (item.status !== 'checking') return
    const now = new Date(deps.now())
    const status = push.suggest === 'pass' ? 'passed' : push.suggest === 'review' ? 'held' : 'rejected'
    await tx
      .update(moderationItems)
      .set({ status, suggest: push.suggest, label: push.label, updatedAt: now, ...(status === 'rejected' ? { decidedAt: now } : {}) })
      .where(eq(moderationItems.id, item.id))
    if (status === 'rejected') {
      const what = MODERATION_SUBJECT_LABELS[item.subjectKind]
      await notify(tx, {
        userId: item.ownerUserId,
        kind: MODERATION_REJECTED_KIND,
        title: `你上传的${what}未通过审核`,
        body: `你上传的${what}含有不适宜公开的内容，其他人看不到这张图片。`,
        link: item.link,
      })
    }
    await audit(tx, { actorUserId: null, action: 'moderation.media_verdict', subjectType: 'moderation_item', subjectId: item.id, detail: { suggest: push.suggest, label: push.label } })
    log.info({ path: 'wechat', traceId: push.traceId, suggest: push.suggest, label: push.label, itemId: item.id }, 'image verdict from WeChat')
  })
}
