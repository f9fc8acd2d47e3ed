/**
 * Content security (内容安全) of what users publish to others: what is checked, the states an item goes through and
 * the words the app shows. Zod-free (the app and the server's schema read it at runtime).
 *
 * Texts: WeChat msgSecCheck (or the server's word list when WeChat is unreachable) → pass: shown · review / a
 * word-list hit: saved but held for staff (`held`) · risky: refused (CONTENT_RISKY), nothing saved.
 * Images: shown at once and sent to WeChat mediaCheckAsync (`checking`) → pass (`passed`) · review (`held`) · risky
 * (`rejected`). Staff approve (`approved`: shown) or reject (`rejected`: hidden, the owner is told).
 */

/** What a moderation item is about; each capability that publishes user content names its subjects here. */
export const MODERATION_SUBJECTS = ['stations.report', 'stations.report_photo', 'events.team_name', 'auth.nickname', 'auth.avatar'] as const
export type ModerationSubject = (typeof MODERATION_SUBJECTS)[number]

export const MODERATION_SUBJECT_LABELS: Record<ModerationSubject, string> = {
  'stations.report': '驿站问题反馈',
  'stations.report_photo': '问题反馈照片',
  'events.team_name': '队伍名称',
  'auth.nickname': '昵称',
  'auth.avatar': '头像',
}

/** Who judged: WeChat's content security, or the local word list (WeChat unreachable or turned off). */
export const MODERATION_SOURCES = ['wechat', 'wordlist'] as const
export type ModerationSource = (typeof MODERATION_SOURCES)[number]
export const MODERATION_SOURCE_LABELS: Record<ModerationSource, string> = { wechat: '微信内容安全', wordlist: '本地敏感词' }

/**
 * checking: an image WeChat has not judged yet (shown meanwhile) · passed: WeChat passed the image · held: waits for
 * staff (hidden from others) · approved: staff let it through · rejected: staff or WeChat (risky image) refused it
 * (hidden from others) · superseded: the owner replaced it before staff decided (a new nickname).
 */
export const MODERATION_STATUSES = ['checking', 'passed', 'held', 'approved', 'rejected', 'superseded'] as const
export type ModerationStatus = (typeof MODERATION_STATUSES)[number]
/** The states a staff list filters by. */
export const MODERATION_LIST_STATUSES = ['held', 'rejected', 'approved'] as const
export const MODERATION_STATUS_LABELS: Record<ModerationStatus, string> = {
  checking: '检测中',
  passed: '已通过',
  held: '待审核',
  approved: '已通过',
  rejected: '未通过',
  superseded: '已替换',
}

/** The owner's message when staff (or WeChat, for an image) refuse their content. */
export const MODERATION_REJECTED_KIND = 'moderation.rejected'

/** What the owner reads beside their own content that others do not see. */
export const MODERATION_NOTICES = {
  textHeld: '内容审核中，审核通过前仅自己可见',
  textRejected: '内容未通过审核，仅自己可见',
  imageHeld: '图片审核中，审核通过前仅自己可见',
  imageRejected: '图片未通过审核',
} as const

/** A team whose name waits for staff is called this meanwhile (the name applies once approved). */
export const TEAM_NAME_HELD = '队名审核中'
/** …and this when staff refuse the name. */
export const TEAM_NAME_REJECTED = '未命名队伍'
