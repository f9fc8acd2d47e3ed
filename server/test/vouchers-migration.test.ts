/**
 * Migration 0013 (venue registry) on a database that already has campaigns: their JSON venues become registry
 * venues (one per union, name and address), and every per-campaign venue id — the campaign's list and allotments,
 * stock rows, vouchers' own and used venues — becomes its registry id; drawn lotteries keep draw version 1.
 * Run on PGlite (the SQL is plain PostgreSQL; every other server test also applies it on PostgreSQL).
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { drizzle } from 'drizzle-orm/pglite'
import { migrate } from 'drizzle-orm/pglite/migrator'
import { MIGRATIONS_DIR } from '../src/db'

describe('migration 0013: venues move into the registry', () => {
  let dir = ''
  let client: PGlite

  beforeAll(async () => {
    // The migrations up to 0012, as a database deployed before the registry had them.
    dir = await mkdtemp(path.join(os.tmpdir(), 'ums-mig-'))
    await cp(MIGRATIONS_DIR, dir, { recursive: true })
    const journal = JSON.parse(await readFile(path.join(dir, 'meta/_journal.json'), 'utf8'))
    journal.entries = journal.entries.filter((e: { tag: string }) => e.tag < '0013')
    await writeFile(path.join(dir, 'meta/_journal.json'), JSON.stringify(journal))
    client = await PGlite.create('memory://')
  })
  afterAll(async () => {
    await client?.close()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('maps every per-campaign venue id to its registry venue', async () => {
    const db = drizzle(client)
    await migrate(db, { migrationsFolder: dir })
    const q = async <T,>(text: string) => (await client.query<T>(text)).rows
    await client.exec(`
      insert into orgs (name, kind, path) values ('区总工会', 'district', '/1/'), ('街道工会', 'street', '/1/2/');
      insert into users (openid) values ('a'), ('b');
      insert into voucher_campaigns (kind, title, org_id, venues, total_stock, shards, stock_by_venue, opens_at, closes_at,
        voucher_valid_days, mode, limit_count, limit_period, drawn_at)
      values
        ('movie', '甲', 1, '[{"id":1,"name":"影城","address":"青禾路 1 号","lat":30.1,"lng":120.1},
                          {"id":2,"name":"影院","address":"星光路 8 号","lat":30.2,"lng":120.2}]', 10, 2, false,
         now(), now() + interval '1 day', 30, 'first_come', 1, 'campaign', null),
        ('movie', '乙', 1, '[{"id":1,"name":"影院","address":"星光路 8 号","lat":30.2,"lng":120.2,"stock":3},
                          {"id":2,"name":"剧场","address":"滨江路 2 号","lat":30.3,"lng":120.3,"stock":4}]', 7, 2, true,
         now(), now() + interval '1 day', 30, 'first_come', 1, 'campaign', null),
        ('swim', '丙', 2, '[{"id":1,"name":"影城","address":"青禾路 1 号","lat":30.1,"lng":120.1}]', 1, 1, false,
         now() - interval '2 day', now() - interval '1 day', 30, 'lottery', 1, 'campaign', now() - interval '1 day');
      insert into voucher_stock (campaign_id, shard, remaining, venue_id) values (1, 0, 9, null), (2, 0, 2, 1), (2, 1, 4, 2), (3, 0, 0, null);
      insert into vouchers (campaign_id, user_id, code, shard, venue_id, quota_scope, state, claimed_at, valid_until, used_at, used_venue_id)
      values (1, 1, 'AAAA1111BBBB', 0, null, 'c:1', 'used', now(), now() + interval '30 day', now(), 2),
             (2, 2, 'CCCC2222DDDD', 0, 1, 'c:2', 'used', now(), now() + interval '30 day', now(), 1);
    `)
    await migrate(db, { migrationsFolder: MIGRATIONS_DIR })

    const reg = await q<{ id: number; org_id: number; name: string; address: string; lat: number }>(
      'select id, org_id, name, address, lat from venues order by id',
    )
    // one registry venue per union, name and address: 影城/影院/剧场 of the district, 影城 of the street union
    expect(reg.map((v) => `${v.org_id}:${v.name}`).sort()).toEqual(['1:剧场', '1:影城', '1:影院', '2:影城'])
    const id = (org: number, name: string) => reg.find((v) => v.org_id === org && v.name === name)!.id
    const links = await q<{ campaign_id: number; venue_id: number; position: number; stock: number | null }>(
      'select campaign_id, venue_id, position, stock from voucher_campaign_venues order by campaign_id, position',
    )
    expect(links.map((l) => [l.campaign_id, l.venue_id, l.stock])).toEqual([
      [1, id(1, '影城'), null],
      [1, id(1, '影院'), null],
      [2, id(1, '影院'), 3],
      [2, id(1, '剧场'), 4],
      [3, id(2, '影城'), null],
    ])
    const stock = await q<{ campaign_id: number; shard: number; venue_id: number | null }>(
      'select campaign_id, shard, venue_id from voucher_stock order by campaign_id, shard',
    )
    expect(stock.map((s) => s.venue_id)).toEqual([null, id(1, '影院'), id(1, '剧场'), null])
    const vs = await q<{ code: string; venue_id: number | null; used_venue_id: number }>('select code, venue_id, used_venue_id from vouchers order by id')
    expect(vs).toEqual([
      { code: 'AAAA1111BBBB', venue_id: null, used_venue_id: id(1, '影院') },
      { code: 'CCCC2222DDDD', venue_id: id(1, '影院'), used_venue_id: id(1, '影院') },
    ])
    const versions = await q<{ id: number; draw_version: number }>('select id, draw_version from voucher_campaigns order by id')
    expect(versions.map((v) => v.draw_version)).toEqual([2, 2, 1])
    const cols = await q<{ column_name: string }>(`select column_name from information_schema.columns where table_name = 'voucher_campaigns' and column_name = 'venues'`)
    expect(cols).toEqual([])
  })
})
