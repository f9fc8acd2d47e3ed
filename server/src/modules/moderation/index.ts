/**
 * 内容审核 (content security of what users publish to others) — the public face.
 *
 * A capability that publishes a user's text calls `checkText` before its transaction and `recordText` inside it;
 * one that publishes an image calls `checkImage` after attaching it; both read back with `withheld` (hide held or
 * refused subjects from others) or give `hooks` that apply a held value once staff approve (container.ts).
 */
export { ModerationService } from './service'
export { moderationRoutes } from './routes'
export { checkText, recordText, supersedeHeld, type TextVerdict, type TextSubject } from './text'
export { checkImage } from './images'
export { withheld, pendingText, pendingTextSql, withheldSql, type ModerationHooks, type ModerationSubjectHooks, type Withheld } from './subjects'
export { SECURITY_SCENES } from '../../wechat/security'
export * as moderationTargets from './targets'
export { moderationPersonalData } from './personal-data'
