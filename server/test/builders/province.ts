/**
 * A province-shaped data set, bulk-loaded in SQL (multi-row INSERT … SELECT over generate_series: no API, no row
 * at a time), on top of the demo seed (`seedDemo`: its union tree, campaigns, events and personas stay as they are).
 * Used at a few thousand rows by the EXPLAIN test (server/test/explain.test.ts) and at any size by
 * `npm run bench:scale` (scripts/bench-scale.ts).
 *
 * Encrypted fields are encrypted for real with the app's DataCipher, but from a pool of `encryptedPool` distinct
 * values reused round-robin (encrypting a million ID numbers one by one in node takes longer than the rest of the
 * load): the bytes on disk and what a reviewer's read decrypts are real ciphertexts. `id_hash` values are unique
 * stand-ins ('scale-…'), not HMACs of the pool's numbers (nothing reads them back but the unique index).
 */
import { sql } from 'drizzle-orm'
import type { Db } from '../../src/db'
import type { DataCipher } from '../../src/crypto/data'

export interface ProvinceSizes {
  unions: number
  members: number
  campaigns: number
  vouchers: number
  /** Joining applications: half pending (from users who are not members yet), half approved (members'). */
  applications: number
  reliefCases: number
  /** 法律援助 cases: a third each asked, in progress, closed; one a minute back from now. */
  legalCases: number
  events: number
  registrations: number
  audit: number
  messages: number
  encryptedPool: number
}

/** The full size (scale 1). */
export const FULL_PROVINCE: ProvinceSizes = {
  unions: 2_000,
  members: 1_000_000,
  campaigns: 500,
  vouchers: 3_000_000,
  applications: 200_000,
  reliefCases: 100_000,
  legalCases: 50_000,
  events: 2_000,
  registrations: 300_000,
  audit: 5_000_000,
  messages: 2_000_000,
  encryptedPool: 1_000,
}

export function provinceSizes(scale: number): ProvinceSizes {
  const s = (n: number, min: number) => Math.max(min, Math.round(n * scale))
  return {
    unions: s(FULL_PROVINCE.unions, 10),
    members: s(FULL_PROVINCE.members, 100),
    campaigns: s(FULL_PROVINCE.campaigns, 5),
    vouchers: s(FULL_PROVINCE.vouchers, 100),
    applications: s(FULL_PROVINCE.applications, 20),
    reliefCases: s(FULL_PROVINCE.reliefCases, 10),
    legalCases: s(FULL_PROVINCE.legalCases, 10),
    events: s(FULL_PROVINCE.events, 5),
    registrations: s(FULL_PROVINCE.registrations, 10),
    audit: s(FULL_PROVINCE.audit, 100),
    messages: s(FULL_PROVINCE.messages, 100),
    encryptedPool: Math.min(FULL_PROVINCE.encryptedPool, s(FULL_PROVINCE.members, 100)),
  }
}

const quote = (v: string) => `'${v.replace(/'/g, "''")}'`

/** The steps, each one statement (so a caller can time them); `onStep` hears each step's name and duration. */
export async function loadProvince(
  db: Db,
  cipher: DataCipher,
  z: ProvinceSizes,
  onStep: (name: string, ms: number) => void = () => undefined,
): Promise<void> {
  const ids: string[] = []
  const phones: string[] = []
  for (let i = 0; i < z.encryptedPool; i++) {
    const birth = `19${String(60 + (i % 40)).padStart(2, '0')}0101`
    ids.push(cipher.encrypt(`440106${birth}${String(i % 1000).padStart(3, '0')}X`))
    phones.push(cipher.encrypt(`139${String(i).padStart(8, '0')}`))
  }
  const idPool = `ARRAY[${ids.map(quote).join(',')}]`
  const phonePool = `ARRAY[${phones.map(quote).join(',')}]`
  const story = quote(cipher.encrypt('站点拖欠两个月工资，多次催讨未果，请工会帮忙。'))
  const P = z.encryptedPool
  const M = z.members
  const pending = Math.ceil(z.applications / 2)

  const steps: [string, string][] = [
    [
      'unions',
      `INSERT INTO orgs (parent_id, name, kind)
       SELECT CASE WHEN g % 2 = 0 THEN 2 ELSE 3 END, '规模测试基层工会' || g, 'grassroots' FROM generate_series(1, ${z.unions}) g;
       UPDATE orgs o SET path = p.path || o.id || '/' FROM orgs p WHERE o.parent_id = p.id AND o.path = ''`,
    ],
    [
      'users',
      `INSERT INTO users (openid, nickname) SELECT 'scale-m-' || g, '会员' || g FROM generate_series(1, ${M}) g;
       INSERT INTO users (openid, nickname) SELECT 'scale-a-' || g, '申请人' || g FROM generate_series(1, ${pending}) g`,
    ],
    [
      'members',
      `WITH u AS (SELECT id, substr(openid, 9)::int AS g FROM users WHERE openid LIKE 'scale-m-%'),
            o AS (SELECT array_agg(id ORDER BY id) AS ids FROM orgs WHERE name LIKE '规模测试基层工会%')
       INSERT INTO memberships (user_id, id_hash, id_number_enc, member_no, name, org_id, employment_type, joined_at)
       SELECT u.id, 'scale-' || u.g, (${idPool})[1 + u.g % ${P}], 'S' || lpad(u.g::text, 9, '0'), '会员' || u.g,
              o.ids[1 + u.g % array_length(o.ids, 1)], CASE WHEN u.g % 3 = 0 THEN 'delivery' ELSE 'employee' END,
              now() - (u.g % 1000) * interval '1 day'
       FROM u, o;
       INSERT INTO user_roles (user_id, org_id, role) SELECT m.user_id, m.org_id, 'member' FROM memberships m
       WHERE m.id_hash LIKE 'scale-%'`,
    ],
    [
      'applications',
      `WITH o AS (SELECT array_agg(id ORDER BY id) AS ids FROM orgs WHERE name LIKE '规模测试基层工会%')
       INSERT INTO membership_applications (user_id, name, id_number_enc, id_hash, phone_enc, birth_date, gender,
         employment_type, org_id, status, submitted_at, decided_at)
       SELECT u.id, u.nickname, (${idPool})[1 + u.id % ${P}], 'scale-app-' || u.id, (${phonePool})[1 + u.id % ${P}],
              DATE '1990-01-01', 'male', 'delivery', o.ids[1 + u.id % array_length(o.ids, 1)],
              CASE WHEN u.openid LIKE 'scale-a-%' THEN 'submitted' ELSE 'approved' END,
              now() - u.id * interval '1 second', CASE WHEN u.openid LIKE 'scale-m-%' THEN now() END
       FROM o, (SELECT * FROM users WHERE openid LIKE 'scale-a-%'
                UNION ALL (SELECT * FROM users WHERE openid LIKE 'scale-m-%' ORDER BY id LIMIT ${z.applications - pending})) u`,
    ],
    [
      'campaigns',
      // Clones of the seed's first-come campaign: one in ten open now, the rest closed over the past year.
      `INSERT INTO voucher_campaigns (kind, title, rules, org_id, total_stock, shards, opens_at, closes_at, voucher_valid_days,
         mode, limit_count, limit_period, eligible_employment_types, created_by, confirm_hours, stock_by_venue, draw_version)
       SELECT c.kind, c.title || ' 第' || g || '期', c.rules, c.org_id, c.total_stock, c.shards,
              CASE WHEN g % 10 = 0 THEN c.opens_at ELSE now() - (g % 365 + 30) * interval '1 day' END,
              CASE WHEN g % 10 = 0 THEN c.closes_at ELSE now() - (g % 365) * interval '1 day' END,
              c.voucher_valid_days, c.mode, c.limit_count, 'campaign', c.eligible_employment_types, c.created_by,
              c.confirm_hours, c.stock_by_venue, c.draw_version
       FROM voucher_campaigns c, generate_series(1, ${z.campaigns}) g WHERE c.id = 1;
       INSERT INTO voucher_stock (campaign_id, shard, remaining, venue_id)
       SELECT n.id, s.shard, s.remaining, s.venue_id FROM voucher_campaigns n, voucher_stock s
       WHERE s.campaign_id = 1 AND n.title LIKE '% 第%期';
       INSERT INTO voucher_campaign_venues (campaign_id, venue_id, position)
       SELECT n.id, v.venue_id, v.position FROM voucher_campaigns n, voucher_campaign_venues v
       WHERE v.campaign_id = 1 AND n.title LIKE '% 第%期'`,
    ],
    [
      'vouchers',
      // Member g % M holds vouchers of several campaigns, spread evenly: each campaign ends with vouchers / campaigns.
      `WITH c AS (SELECT array_agg(id ORDER BY id) AS ids FROM voucher_campaigns WHERE title LIKE '% 第%期'),
            m AS (SELECT min(id) AS first FROM users WHERE openid LIKE 'scale-m-%')
       INSERT INTO vouchers (campaign_id, user_id, code, shard, quota_scope, state, claimed_at, valid_until, used_at)
       SELECT c.ids[1 + ((g % ${M}) * 31 + g / ${M}) % array_length(c.ids, 1)], m.first + g % ${M}, 'SC' || lpad(g::text, 10, '0'), g % 32,
              'c:' || c.ids[1 + ((g % ${M}) * 31 + g / ${M}) % array_length(c.ids, 1)], CASE WHEN g % 3 = 0 THEN 'used' ELSE 'unused' END,
              now() - (g % 400) * interval '1 day', now() + (30 - g % 400) * interval '1 day',
              CASE WHEN g % 3 = 0 THEN now() - (g % 400) * interval '1 day' END
       FROM c, m, generate_series(0, ${z.vouchers - 1}) g`,
    ],
    [
      'events',
      `INSERT INTO events (kind, title, description, org_id, starts_at, ends_at, place, capacity, registration_opens_at,
         registration_closes_at, eligible_employment_types, eligible_industries, entry_mode, team_min_size, team_max_size,
         approval_mode, cancel_cutoff_hours, checkin_opens_minutes, score_unit, higher_score_wins, questions, created_by)
       SELECT e.kind, e.title || ' 第' || g || '场', e.description, e.org_id,
              e.starts_at - (g % 365) * interval '1 day', e.ends_at - (g % 365) * interval '1 day', e.place, 100000,
              e.registration_opens_at - (g % 365) * interval '1 day', e.registration_closes_at - (g % 365) * interval '1 day',
              e.eligible_employment_types, e.eligible_industries, e.entry_mode, e.team_min_size, e.team_max_size,
              e.approval_mode, e.cancel_cutoff_hours, e.checkin_opens_minutes, e.score_unit, e.higher_score_wins, '[]'::jsonb,
              e.created_by
       FROM events e, generate_series(1, ${z.events}) g WHERE e.id = 2`,
    ],
    [
      'registrations',
      `WITH e AS (SELECT array_agg(id ORDER BY id) AS ids FROM events WHERE title LIKE '% 第%场'),
            m AS (SELECT min(id) AS first FROM users WHERE openid LIKE 'scale-m-%')
       INSERT INTO event_registrations (event_id, user_id, status, answers, created_at)
       SELECT e.ids[1 + g % array_length(e.ids, 1)], m.first + g % ${M}, 'confirmed', '{}'::jsonb, now() - g * interval '1 second'
       FROM e, m, generate_series(0, ${z.registrations - 1}) g`,
    ],
    [
      'relief',
      `WITH m AS (SELECT min(id) AS first FROM users WHERE openid LIKE 'scale-m-%')
       INSERT INTO relief_applications (user_id, type_key, org_id, stage, fields, documents, submission_count, submitted_at,
         stage_since, year)
       SELECT mb.user_id, 'hardship', mb.org_id, (ARRAY['base_review','district_review','paid','rejected'])[1 + g % 4],
              '{}'::jsonb, '{}'::jsonb, 1, now() - g * interval '1 minute', now() - g * interval '1 minute', 2026
       FROM m, generate_series(0, ${z.reliefCases - 1}) g JOIN memberships mb ON true
       WHERE mb.user_id = m.first + (g * 7) % ${M}`,
    ],
    [
      'legal',
      `WITH m AS (SELECT min(id) AS first FROM users WHERE openid LIKE 'scale-m-%')
       INSERT INTO legal_cases (user_id, org_id, kind, employer, amount, description_enc, phone_enc, contact_pref, contact_time,
         status, first_response_due, first_response_at, closed_at, outcome, created_at, updated_at)
       SELECT mb.user_id, mb.org_id, 'unpaid_wages', '规模测试用人单位', 6800, ${story}, NULL, 'online', 'any',
              (ARRAY['submitted','in_progress','closed'])[1 + g % 3], now() - g * interval '1 minute' + interval '1 day',
              CASE WHEN g % 3 <> 0 THEN now() - g * interval '1 minute' + interval '2 hours' END,
              CASE WHEN g % 3 = 2 THEN now() - g * interval '1 minute' + interval '3 days' END,
              CASE WHEN g % 3 = 2 THEN 'answered' END,
              now() - g * interval '1 minute', now() - g * interval '1 minute'
       FROM m, generate_series(0, ${z.legalCases - 1}) g JOIN memberships mb ON true
       WHERE mb.user_id = m.first + (g * 11) % ${M}`,
    ],
    [
      'audit',
      `WITH m AS (SELECT min(id) AS first FROM users WHERE openid LIKE 'scale-m-%')
       INSERT INTO audit_log (actor_user_id, action, subject_type, subject_id, created_at, org_id)
       SELECT m.first + g % ${M}, 'membership.card.view', 'membership', (g % ${M})::text, now() - g * interval '1 second',
              (SELECT mb.org_id FROM memberships mb WHERE mb.user_id = m.first + g % ${M})
       FROM m, generate_series(0, ${z.audit - 1}) g`,
    ],
    [
      'messages',
      `WITH m AS (SELECT min(id) AS first FROM users WHERE openid LIKE 'scale-m-%')
       INSERT INTO notifications (user_id, kind, title, body, created_at, read_at)
       SELECT m.first + g % ${M}, 'membership.approved', '入会申请已通过', '欢迎加入工会', now() - g * interval '1 second',
              CASE WHEN g % 2 = 0 THEN now() END
       FROM m, generate_series(0, ${z.messages - 1}) g`,
    ],
    ['analyze', 'ANALYZE'],
  ]
  for (const [name, text] of steps) {
    const started = performance.now()
    for (const statement of text.split(/;\s*\n/)) await db.execute(sql.raw(statement))
    onStep(name, performance.now() - started)
  }
}

/** The user ids of the loaded members (the first `n`), e.g. to log them in. */
export async function provinceMembers(db: Db, n: number): Promise<number[]> {
  const res = (await db.execute(
    sql.raw(`SELECT id FROM users WHERE openid LIKE 'scale-m-%' ORDER BY id LIMIT ${Math.floor(n)}`),
  )) as unknown as { rows: { id: number }[] }
  return res.rows.map((r) => Number(r.id))
}
