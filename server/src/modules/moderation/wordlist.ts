/**
 * The local sensitive-word list: the fallback when WeChat's msgSecCheck cannot answer (timeout, network, HTTP 5xx,
 * an errcode, or WeChat not configured / WECHAT_CONTENT_CHECK=off, as in development).
 *
 * Deliberately small and blunt: it does not try to be WeChat. A hit HOLDS the text for staff (内容审核), it never
 * refuses it — a word out of context (“举报赌博” in a problem report) is a person's call, not the list's. A miss
 * passes. Entries are the obvious markers of what a trade union's mini-program must not publish on its members'
 * behalf: gambling, fraud and illegal trade, drugs and weapons, pornography, abuse. Add a word here (one line, in
 * its group) when staff keep seeing the same thing; keep the groups short.
 *
 * Matching is on a normal form of both sides (`normalise`): Unicode NFKC (full-width letters, digits and
 * punctuation become half-width: “ｖｘ” → “vx”), lower case, and every space, punctuation mark and symbol removed
 * (“刷 单”, “刷-单” and 刷, an ideographic space U+3000, 单 all read “刷单”).
 */

export const SENSITIVE_WORDS: readonly string[] = [
  // gambling (赌博)
  '赌博',
  '博彩',
  '网络赌场',
  '六合彩',
  // fraud and illegal trade (诈骗、非法交易)
  '刷单',
  '代开发票',
  '办假证',
  '套现',
  '裸贷',
  '洗钱',
  // drugs and weapons (毒品、枪支)
  '冰毒',
  '海洛因',
  '大麻',
  '枪支出售',
  // pornography (色情)
  '色情',
  '裸聊',
  '约炮',
  // abuse (辱骂)
  '傻逼',
  '操你妈',
]

/** NFKC (full-width → half-width), lower case, no whitespace, punctuation or symbols. */
export function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '')
}

const NORMALISED = SENSITIVE_WORDS.map((w) => ({ word: w, key: normalise(w) })).filter((w) => w.key.length > 0)

/** The first listed word the text contains (as the list writes it), or null. */
export function listedWordIn(text: string): string | null {
  const t = normalise(text)
  return NORMALISED.find((w) => t.includes(w.key))?.word ?? null
}
