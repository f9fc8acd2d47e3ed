-- voucher_claim() (see 0005 for the function itself), three changes measured with `npm run bench:claim`:
-- 1) answer 'sold_out' without an error once no stock is left: the raised-and-rolled-back path cost about 4 ms of
--    database time per tap, so the crowd that keeps tapping after the last unit took longer than selling the stock;
-- 2) a retried Idempotency-Key whose voucher exists answers 'replay' with that voucher at once (an index lookup
--    here instead of a second round trip from the service after a refusal);
-- 3) the caller's session is checked here (p_session: not revoked, not expired, same user), so a claim is ONE round
--    trip: the route verifies the token's signature and expiry only (auth 'token' in server/src/http/route.ts).
--    Outcome 'unauthenticated' → 401.
DROP FUNCTION IF EXISTS voucher_claim(integer, integer, text, text, timestamptz, text);
--> statement-breakpoint
CREATE OR REPLACE FUNCTION voucher_claim(
  p_session text,
  p_campaign integer,
  p_user integer,
  p_key text,
  p_code text,
  p_now timestamptz,
  p_month text
) RETURNS TABLE (outcome text, voucher_id integer, shard integer, claimed_at timestamptz, valid_until timestamptz, opens_at timestamptz)
LANGUAGE plpgsql AS $$
DECLARE
  c record;
  m record;
  v_scope text;
  v_used integer;
  v_shard integer;
  v_offset integer;
  v_id integer;
  v_valid timestamptz;
  v_claimed timestamptz;
BEGIN
  PERFORM 1 FROM sessions s
   WHERE s.id = p_session AND s.user_id = p_user AND s.revoked_at IS NULL AND s.expires_at > p_now;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'unauthenticated'::text, NULL::integer, NULL::integer, NULL::timestamptz, NULL::timestamptz, NULL::timestamptz;
    RETURN;
  END IF;
  SELECT vc.id, vc.kind, vc.mode, vc.shards, vc.opens_at, vc.closes_at, vc.limit_count, vc.limit_period,
         vc.voucher_valid_days, vc.eligible_employment_types, o.path AS org_path
    INTO c
    FROM voucher_campaigns vc JOIN orgs o ON o.id = vc.org_id
   WHERE vc.id = p_campaign;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'not_found'::text, NULL::integer, NULL::integer, NULL::timestamptz, NULL::timestamptz, NULL::timestamptz;
    RETURN;
  END IF;
  IF p_key IS NOT NULL THEN
    SELECT v.id, v.shard, v.claimed_at, v.valid_until INTO v_id, v_shard, v_claimed, v_valid
      FROM vouchers v WHERE v.user_id = p_user AND v.idempotency_key = p_key;
    IF FOUND THEN
      RETURN QUERY SELECT 'replay'::text, v_id, v_shard, v_claimed, v_valid, NULL::timestamptz;
      RETURN;
    END IF;
  END IF;
  SELECT ms.employment_type, mo.path AS org_path INTO m
    FROM memberships ms JOIN orgs mo ON mo.id = ms.org_id
   WHERE ms.user_id = p_user;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'not_member'::text, NULL::integer, NULL::integer, NULL::timestamptz, NULL::timestamptz, NULL::timestamptz;
    RETURN;
  END IF;
  -- the member's union must lie in the campaign union's subtree (paths like '/1/4/9/')
  IF left(m.org_path, length(c.org_path)) <> c.org_path THEN
    RETURN QUERY SELECT 'not_found'::text, NULL::integer, NULL::integer, NULL::timestamptz, NULL::timestamptz, NULL::timestamptz;
    RETURN;
  END IF;
  IF c.eligible_employment_types IS NOT NULL AND jsonb_typeof(c.eligible_employment_types) = 'array'
     AND NOT (c.eligible_employment_types ? m.employment_type) THEN
    RETURN QUERY SELECT 'not_eligible'::text, NULL::integer, NULL::integer, NULL::timestamptz, NULL::timestamptz, NULL::timestamptz;
    RETURN;
  END IF;
  IF c.mode <> 'first_come' THEN
    RETURN QUERY SELECT 'lottery'::text, NULL::integer, NULL::integer, NULL::timestamptz, NULL::timestamptz, NULL::timestamptz;
    RETURN;
  END IF;
  IF p_now < c.opens_at THEN
    RETURN QUERY SELECT 'not_open'::text, NULL::integer, NULL::integer, NULL::timestamptz, NULL::timestamptz, c.opens_at;
    RETURN;
  END IF;
  IF p_now >= c.closes_at THEN
    RETURN QUERY SELECT 'closed'::text, NULL::integer, NULL::integer, NULL::timestamptz, NULL::timestamptz, NULL::timestamptz;
    RETURN;
  END IF;

  -- Sold out: answer before touching anything. After the last unit this is what almost every tap gets, and an
  -- answer without an error (no rollback, no error in the server log) keeps the flood after a sell-out cheap.
  -- A unit taken between this check and the update below still ends in VOUCHER_SOLD_OUT.
  IF NOT EXISTS (SELECT 1 FROM voucher_stock x WHERE x.campaign_id = c.id AND x.remaining > 0) THEN
    RETURN QUERY SELECT 'sold_out'::text, NULL::integer, NULL::integer, NULL::timestamptz, NULL::timestamptz, NULL::timestamptz;
    RETURN;
  END IF;

  v_scope := CASE WHEN c.limit_period = 'calendar_month' THEN c.kind || ':' || p_month ELSE 'c:' || c.id END;
  INSERT INTO voucher_quotas AS q (user_id, scope, used) VALUES (p_user, v_scope, 1)
    ON CONFLICT (user_id, scope) DO UPDATE SET used = q.used + 1 WHERE q.used < c.limit_count
    RETURNING q.used INTO v_used;
  IF v_used IS NULL THEN
    RETURN QUERY SELECT 'limit'::text, NULL::integer, NULL::integer, NULL::timestamptz, NULL::timestamptz, NULL::timestamptz;
    RETURN;
  END IF;

  -- 1) a random shard (waits if another claim holds it; with one shard: the classic single-row update).
  --    Drawn once into a variable: random() in the WHERE clause would be drawn again for every row.
  v_offset := floor(random() * c.shards)::integer;
  UPDATE voucher_stock s SET remaining = s.remaining - 1
   WHERE s.campaign_id = c.id AND s.shard = v_offset AND s.remaining > 0
   RETURNING s.shard INTO v_shard;
  -- 2) that one was empty: another non-empty shard, starting at a random one; give up when none is left
  FOR attempt IN 1..8 LOOP
    EXIT WHEN v_shard IS NOT NULL;
    v_offset := floor(random() * c.shards)::integer;
    UPDATE voucher_stock s SET remaining = s.remaining - 1
     WHERE s.campaign_id = c.id AND s.remaining > 0 AND s.shard = (
       SELECT x.shard FROM voucher_stock x WHERE x.campaign_id = c.id AND x.remaining > 0
        ORDER BY (x.shard + v_offset) % c.shards LIMIT 1)
     RETURNING s.shard INTO v_shard;
    EXIT WHEN v_shard IS NOT NULL;
    EXIT WHEN NOT EXISTS (SELECT 1 FROM voucher_stock x WHERE x.campaign_id = c.id AND x.remaining > 0);
  END LOOP;
  IF v_shard IS NULL THEN
    RAISE EXCEPTION 'VOUCHER_SOLD_OUT' USING ERRCODE = 'P0001';
  END IF;

  v_valid := p_now + c.voucher_valid_days * interval '24 hours';
  INSERT INTO vouchers (campaign_id, user_id, code, shard, quota_scope, idempotency_key, claimed_at, valid_until)
    VALUES (c.id, p_user, p_code, v_shard, v_scope, p_key, p_now, v_valid)
    RETURNING id INTO v_id;
  RETURN QUERY SELECT 'ok'::text, v_id, v_shard, p_now, v_valid, NULL::timestamptz;
END
$$;
