/**
 * The lottery draw, published so that anyone can re-run it (GET /api/vouchers/campaigns/:id/draw gives the
 * commitment, the revealed seed and the entry list: entry numbers and masked names, never who the members are).
 * Also implemented by server/src/modules/vouchers/draw.ts. Its own file, apart from the labels, so the 福利 tab in
 * the main package does not carry the text.
 */
export const LOTTERY_DRAW_ALGORITHM = [
  '1. 创建活动时，服务器生成随机种子 seed（64 位十六进制字符串），并在报名开始前公布承诺值 commitment = SHA-256(seed)（对 seed 字符串的 UTF-8 字节求 SHA-256，输出小写十六进制）。',
  '2. 报名截止后开奖（仅一次）。开奖后公布 seed，任何人可核对 SHA-256(seed) 与 commitment 一致。',
  '3. 对每条报名记录（按报名编号 entryId 升序列出）计算 score = SHA-256(seed + ":" + entryId)（entryId 为十进制报名编号，小写十六进制输出）。',
  '4. 按 score 升序排序（score 相同时按 entryId 升序），前 min(总券数, 报名人数) 名中签。',
  '5. 未中签者按同一顺序自动进入候补；中签者须在时限内确认，逾期未确认或退回的券按顺序发给候补者。',
].join('\n')

/**
 * The rule of lotteries drawn before entry numbers were used (draw version 1): the score was taken over the member's
 * user id, which the record no longer publishes, so such a draw can be checked against its commitment but not re-run.
 */
export const LOTTERY_DRAW_ALGORITHM_V1 = [
  '本次抽签按旧版规则开奖：score = SHA-256(seed + ":" + 用户编号)，按 score 升序取前 min(总券数, 报名人数) 名中签。',
  '为保护会员隐私，开奖记录不再公布用户编号；可核对 SHA-256(seed) 与 commitment 一致，中签顺序以下方名单为准。',
].join('\n')
