// The lean reference of `npm run bench:scale` (issue 17): a bare Fastify + pg handler that authenticates nothing and
// runs two indexed queries — a user joined to their membership, the first 20 campaigns — and answers JSON. Run as its
// own process: node scripts/lib/lean-reference.mjs <DATABASE_URL> <port> <pool size>. Prints "ready" when listening.
import Fastify from 'fastify'
import pg from 'pg'

const [url, port, poolSize] = process.argv.slice(2)
const pool = new pg.Pool({ connectionString: url, max: Number(poolSize) })
const app = Fastify({ logger: false })

app.get('/lean/:userId', async (request) => {
  const userId = Number(request.params.userId)
  const [user, campaigns] = await Promise.all([
    pool.query(
      'select u.id, u.nickname, m.member_no, m.name, m.org_id from users u left join memberships m on m.user_id = u.id where u.id = $1',
      [userId],
    ),
    pool.query('select id, title, kind, opens_at, closes_at from voucher_campaigns order by id limit 20'),
  ])
  return { user: user.rows[0] ?? null, campaigns: campaigns.rows }
})

await app.listen({ port: Number(port), host: '127.0.0.1' })
process.stdout.write('ready\n')
process.on('SIGTERM', () => {
  void app.close().then(() => pool.end()).then(() => process.exit(0))
})
