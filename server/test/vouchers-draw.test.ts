/** The lottery draw as published (pure functions, no database): pinned vectors so the algorithm cannot drift. */
import { createHash } from 'node:crypto'
import { commitmentOf, drawOrder, drawScore, drawWinners, newSeed } from '../src/modules/vouchers/draw'
import { maskName } from '../src/modules/vouchers/mask'
import { LOTTERY_DRAW_ALGORITHM } from '@contract/vouchers/draw-algorithm'

describe('lottery draw', () => {
  const seed = 'a'.repeat(64)
  const entries = [1, 2, 3, 4, 5].map((i) => ({ entryId: i, userId: 100 + i }))

  it('commitment is SHA-256 of the seed string; a new seed is 64 hex characters', () => {
    expect(commitmentOf('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    const s = newSeed()
    expect(s).toMatch(/^[0-9a-f]{64}$/)
    expect(commitmentOf(s)).toBe(createHash('sha256').update(s).digest('hex'))
    expect(newSeed()).not.toBe(s)
  })

  it('scores SHA-256(seed + ":" + entryId) and orders by score (pinned vector)', () => {
    expect(drawScore(seed, 1)).toBe(createHash('sha256').update(`${seed}:1`).digest('hex'))
    const order = drawOrder(seed, entries).map((e) => e.entryId)
    const bySha = [...entries]
      .sort((a, b) => (drawScore(seed, a.entryId) < drawScore(seed, b.entryId) ? -1 : 1))
      .map((e) => e.entryId)
    expect(order).toEqual(bySha)
    expect(drawWinners(seed, entries, 2)).toEqual(order.slice(0, 2))
    // Independent of the order the entries are listed in, and of who entered; more stock than entries: everyone wins.
    expect(drawWinners(seed, [...entries].reverse(), 2)).toEqual(order.slice(0, 2))
    expect(drawWinners(seed, entries.map((e) => ({ ...e, userId: 900 + e.entryId })), 2)).toEqual(order.slice(0, 2))
    expect(drawWinners(seed, entries, 10)).toHaveLength(5)
    expect(drawWinners(seed, [], 3)).toEqual([])
  })

  it('draw version 1 (lotteries drawn before entry numbers were used) still scores over the user id (pinned vector)', () => {
    expect(drawScore(seed, 101)).toBe('39e2338d15b5402af35b64cd86c6f1ccd4c4453f1da44bd01fc43417b1c22abb')
    expect(drawOrder(seed, entries, 1).map((e) => e.userId)).toEqual([103, 101, 104, 105, 102])
    expect(drawWinners(seed, entries, 2, 1)).toEqual([3, 1])
  })

  it('the published text names the same formula', () => {
    expect(LOTTERY_DRAW_ALGORITHM).toContain('SHA-256(seed)')
    expect(LOTTERY_DRAW_ALGORITHM).toContain('SHA-256(seed + ":" + entryId)')
    expect(LOTTERY_DRAW_ALGORITHM).not.toContain('userId')
    expect(LOTTERY_DRAW_ALGORITHM).toContain('按 score 升序排序（score 相同时按 entryId 升序）')
  })

  it('masks holder names for the CSV export', () => {
    expect(maskName('李小梅')).toBe('李*梅')
    expect(maskName('李梅')).toBe('李*')
    expect(maskName('欧阳小梅')).toBe('欧**梅')
    expect(maskName('')).toBe('—')
  })
})
