-- 编辑活动 / 结束发放 (server/src/modules/vouchers/edit.ts) change a live campaign's window and stock under the
-- campaign row's FOR UPDATE lock. voucher_claim_batch() now reads the campaign FOR KEY SHARE OF vc — the very lock
-- the vouchers it inserts already took through their foreign key, only taken first instead of last: a claim batch
-- in flight holds it, so the edit waits for it; a batch that starts during an edit waits for the edit and then
-- reads the campaign as edited (READ COMMITTED re-reads a locked row after the wait). So a claim never decides by
-- the old window against the new stock rows, an edited opens_at / closes_at counts from the very next claim, and
-- the lock order is one (campaign, then a stock row, which the claim only takes SKIP LOCKED): no deadlock.
-- Nothing else changes: the function below is migration 0018's, statement for statement, but for that clause.
CREATE OR REPLACE FUNCTION voucher_claim_batch(
  p_campaign integer,
  p_venue integer,
  p_sessions text[],
  p_users integer[],
  p_keys text[],
  p_codes text[],
  p_now timestamptz,
  p_month text
) RETURNS TABLE (idx integer, outcome text, voucher_id integer, shard integer, claimed_at timestamptz, valid_until timestamptz, opens_at timestamptz)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  n integer := coalesce(array_length(p_users, 1), 0);
  c record;
  c_found boolean;
  m record;
  o_out text[];
  o_id integer[];
  o_shard integer[];
  o_claimed timestamptz[];
  o_valid timestamptz[];
  v_scope text;
  v_sold_out boolean;
  v_venue integer;
  v_venue_ok boolean;
  v_used integer;
  v_id integer;
  v_shard integer;
  v_valid timestamptz;
  v_need integer := 0;
  v_taken integer := 0;
  v_stock_left boolean := true;
  v_offset integer;
  s record;
  v_take integer;
  t_shards integer[] := '{}';
  t_counts integer[] := '{}';
  v_piece integer := 1;
  v_piece_left integer;
  i integer;
BEGIN
  IF n = 0 THEN
    RETURN;
  END IF;
  o_out := array_fill(NULL::text, ARRAY[n]);
  o_id := array_fill(NULL::integer, ARRAY[n]);
  o_shard := array_fill(NULL::integer, ARRAY[n]);
  o_claimed := array_fill(NULL::timestamptz, ARRAY[n]);
  o_valid := array_fill(NULL::timestamptz, ARRAY[n]);

  SELECT vc.id, vc.kind, vc.mode, vc.shards, vc.opens_at, vc.closes_at, vc.limit_count, vc.limit_period,
         vc.voucher_valid_days, vc.eligible_employment_types, vc.stock_by_venue, o.path AS org_path
    INTO c
    FROM voucher_campaigns vc JOIN orgs o ON o.id = vc.org_id
   WHERE vc.id = p_campaign
     FOR KEY SHARE OF vc;
  c_found := FOUND;
  IF c_found THEN
    v_scope := CASE WHEN c.limit_period = 'calendar_month' THEN c.kind || ':' || p_month ELSE 'c:' || c.id END;
    v_valid := p_now + c.voucher_valid_days * interval '24 hours';
    IF c.stock_by_venue THEN
      v_venue := p_venue;
      v_venue_ok := p_venue IS NOT NULL
        AND EXISTS (SELECT 1 FROM voucher_stock x WHERE x.campaign_id = c.id AND x.venue_id = p_venue);
    ELSE
      v_venue_ok := true;
    END IF;
  END IF;

  -- 1) each tap's own checks and its member's limit, in user-id order
  FOR i IN SELECT r.i FROM unnest(p_users) WITH ORDINALITY AS r(u, i) ORDER BY r.u, r.i LOOP
    PERFORM 1 FROM sessions se
     WHERE se.id = p_sessions[i] AND se.user_id = p_users[i] AND se.revoked_at IS NULL AND se.expires_at > p_now;
    IF NOT FOUND THEN
      o_out[i] := 'unauthenticated';
      CONTINUE;
    END IF;
    IF NOT c_found THEN
      o_out[i] := 'not_found';
      CONTINUE;
    END IF;
    IF p_keys[i] IS NOT NULL THEN
      SELECT v.id INTO v_id
        FROM vouchers v WHERE v.user_id = p_users[i] AND v.idempotency_key = p_keys[i];
      IF FOUND THEN
        o_out[i] := 'replay';
        o_id[i] := v_id;
        CONTINUE;
      END IF;
    END IF;
    SELECT ms.employment_type, mo.path AS org_path INTO m
      FROM member_directory ms JOIN orgs mo ON mo.id = ms.org_id
     WHERE ms.user_id = p_users[i];
    IF NOT FOUND THEN
      o_out[i] := 'not_member';
      CONTINUE;
    END IF;
    -- the member's union must lie in the campaign union's subtree (paths like '/1/4/9/')
    IF left(m.org_path, length(c.org_path)) <> c.org_path THEN
      o_out[i] := 'not_found';
      CONTINUE;
    END IF;
    IF c.eligible_employment_types IS NOT NULL AND jsonb_typeof(c.eligible_employment_types) = 'array'
       AND NOT (c.eligible_employment_types ? m.employment_type) THEN
      o_out[i] := 'not_eligible';
      CONTINUE;
    END IF;
    IF c.mode <> 'first_come' THEN
      o_out[i] := 'lottery';
      CONTINUE;
    END IF;
    IF p_now < c.opens_at THEN
      o_out[i] := 'not_open';
      CONTINUE;
    END IF;
    IF p_now >= c.closes_at THEN
      o_out[i] := 'closed';
      CONTINUE;
    END IF;
    IF NOT v_venue_ok THEN
      o_out[i] := CASE WHEN p_venue IS NULL THEN 'venue_required' ELSE 'venue_unknown' END;
      CONTINUE;
    END IF;
    -- sold out: answered before touching anything (after the last unit this is what almost every tap gets)
    IF v_sold_out IS NULL THEN
      v_sold_out := NOT EXISTS (SELECT 1 FROM voucher_stock x
                                 WHERE x.campaign_id = c.id AND x.remaining > 0 AND x.venue_id IS NOT DISTINCT FROM v_venue);
    END IF;
    IF v_sold_out THEN
      o_out[i] := 'sold_out';
      CONTINUE;
    END IF;
    INSERT INTO voucher_quotas AS q (user_id, scope, used) VALUES (p_users[i], v_scope, 1)
      ON CONFLICT (user_id, scope) DO UPDATE SET used = q.used + 1 WHERE q.used < c.limit_count
      RETURNING q.used INTO v_used;
    IF v_used IS NULL THEN
      o_out[i] := 'limit';
      CONTINUE;
    END IF;
    o_out[i] := 'candidate';
    v_need := v_need + 1;
  END LOOP;

  -- 2) the units for all of them: whole pieces from non-empty shards nobody else holds, starting at a random one.
  --    Never a wait for a stock row: a locking read that waits may come back holding a row it does not return (an
  --    emptied row fails the re-check but stays locked), and two such waiters can hold what the other waits for.
  --    When every non-empty shard is held, the taps not served go round again ('retry'): the batcher sends them
  --    once another batch of the campaign is back.
  IF v_need > 0 THEN
    v_offset := floor(random() * c.shards)::integer;
    WHILE v_taken < v_need LOOP
      SELECT x.shard AS shard, x.remaining AS remaining INTO s
        FROM voucher_stock x
       WHERE x.campaign_id = c.id AND x.remaining > 0 AND x.venue_id IS NOT DISTINCT FROM v_venue
       ORDER BY (x.shard + v_offset) % c.shards
       LIMIT 1
         FOR UPDATE SKIP LOCKED;
      IF NOT FOUND THEN
        -- none free: stock still left (held by other batches) → 'retry'; none left at all → 'sold_out'
        v_stock_left := EXISTS (SELECT 1 FROM voucher_stock x
                                 WHERE x.campaign_id = c.id AND x.remaining > 0 AND x.venue_id IS NOT DISTINCT FROM v_venue);
        EXIT;
      END IF;
      v_take := least(v_need - v_taken, s.remaining);
      UPDATE voucher_stock x SET remaining = x.remaining - v_take WHERE x.campaign_id = c.id AND x.shard = s.shard;
      t_shards := t_shards || s.shard;
      t_counts := t_counts || v_take;
      v_taken := v_taken + v_take;
    END LOOP;
  END IF;

  -- 3) vouchers for the first v_taken in arrival order; the others give their quota back
  v_piece_left := coalesce(t_counts[1], 0);
  FOR i IN 1..n LOOP
    CONTINUE WHEN o_out[i] IS DISTINCT FROM 'candidate';
    IF v_taken > 0 THEN
      WHILE v_piece_left = 0 LOOP
        v_piece := v_piece + 1;
        v_piece_left := t_counts[v_piece];
      END LOOP;
      v_shard := t_shards[v_piece];
      v_piece_left := v_piece_left - 1;
      v_taken := v_taken - 1;
      v_id := NULL;
      INSERT INTO vouchers (campaign_id, user_id, code, shard, venue_id, quota_scope, idempotency_key, claimed_at, valid_until)
        VALUES (c.id, p_users[i], p_codes[i], v_shard, v_venue, v_scope, p_keys[i], p_now, v_valid)
        ON CONFLICT DO NOTHING
        RETURNING id INTO v_id;
      IF v_id IS NOT NULL THEN
        o_out[i] := 'ok';
        o_id[i] := v_id;
        o_shard[i] := v_shard;
        o_claimed[i] := p_now;
        o_valid[i] := v_valid;
        CONTINUE;
      END IF;
      -- a retry with the same Idempotency-Key got there first (or, vanishingly rarely, the code was taken):
      -- the unit and the quota go back, and the tap is answered with that voucher, or tried again
      UPDATE voucher_stock x SET remaining = x.remaining + 1 WHERE x.campaign_id = c.id AND x.shard = v_shard;
      UPDATE voucher_quotas q SET used = q.used - 1 WHERE q.user_id = p_users[i] AND q.scope = v_scope;
      SELECT v.id INTO v_id FROM vouchers v WHERE v.user_id = p_users[i] AND v.idempotency_key = p_keys[i];
      IF v_id IS NOT NULL THEN
        o_out[i] := 'replay';
        o_id[i] := v_id;
      ELSE
        o_out[i] := 'retry';
      END IF;
    ELSE
      UPDATE voucher_quotas q SET used = q.used - 1 WHERE q.user_id = p_users[i] AND q.scope = v_scope;
      o_out[i] := CASE WHEN v_stock_left THEN 'retry' ELSE 'sold_out' END;
    END IF;
  END LOOP;

  FOR i IN 1..n LOOP
    idx := i;
    outcome := o_out[i];
    voucher_id := o_id[i];
    shard := o_shard[i];
    claimed_at := o_claimed[i];
    valid_until := o_valid[i];
    opens_at := NULL;
    IF o_out[i] = 'not_open' THEN
      opens_at := c.opens_at;
    END IF;
    RETURN NEXT;
  END LOOP;
END
$$;
