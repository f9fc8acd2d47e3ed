CREATE TABLE "voucher_counts" (
	"campaign_id" integer NOT NULL,
	"state" text NOT NULL,
	"used_venue_id" integer NOT NULL,
	"shard" integer NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "voucher_counts_campaign_id_state_used_venue_id_shard_pk" PRIMARY KEY("campaign_id","state","used_venue_id","shard")
);
--> statement-breakpoint
DROP INDEX "vouchers_campaign_idx";--> statement-breakpoint
CREATE INDEX "vouchers_campaign_idx" ON "vouchers" USING btree ("campaign_id","state","valid_until");--> statement-breakpoint
-- voucher_counts (issue 17): a campaign's vouchers by state and redemption venue, kept by statement-level triggers
-- on vouchers in the writing transaction, so the campaign figures read a few rows instead of counting ~6,000 per
-- campaign (3 M vouchers at a province's size). Each trigger nets the statement's rows per key (an UPDATE that
-- changes neither state nor venue writes nothing) and adds them to the writing backend's shard (pg_backend_pid()
-- % 16), so concurrent claim batches on different connections do not wait on one counter row; rows are taken in
-- key order, so two writers that share a shard wait for each other rather than deadlock within a statement.
CREATE OR REPLACE FUNCTION voucher_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO voucher_counts AS c (campaign_id, state, used_venue_id, shard, n)
      SELECT campaign_id, state, coalesce(used_venue_id, 0), pg_backend_pid() % 16, count(*)::int
        FROM new_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
      ON CONFLICT (campaign_id, state, used_venue_id, shard) DO UPDATE SET n = c.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO voucher_counts AS c (campaign_id, state, used_venue_id, shard, n)
      SELECT campaign_id, state, coalesce(used_venue_id, 0), pg_backend_pid() % 16, -count(*)::int
        FROM old_rows GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
      ON CONFLICT (campaign_id, state, used_venue_id, shard) DO UPDATE SET n = c.n + excluded.n;
  ELSE
    INSERT INTO voucher_counts AS c (campaign_id, state, used_venue_id, shard, n)
      SELECT campaign_id, state, venue, pg_backend_pid() % 16, sum(d)::int FROM (
        SELECT campaign_id, state, coalesce(used_venue_id, 0) AS venue, 1 AS d FROM new_rows
        UNION ALL
        SELECT campaign_id, state, coalesce(used_venue_id, 0), -1 FROM old_rows) x
       GROUP BY 1, 2, 3 HAVING sum(d) <> 0 ORDER BY 1, 2, 3
      ON CONFLICT (campaign_id, state, used_venue_id, shard) DO UPDATE SET n = c.n + excluded.n;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER voucher_counts_insert AFTER INSERT ON vouchers REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION voucher_counts_apply();
--> statement-breakpoint
CREATE TRIGGER voucher_counts_update AFTER UPDATE ON vouchers REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION voucher_counts_apply();
--> statement-breakpoint
CREATE TRIGGER voucher_counts_delete AFTER DELETE ON vouchers REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION voucher_counts_apply();
--> statement-breakpoint
-- The vouchers already there, counted once (in shard 0).
INSERT INTO voucher_counts (campaign_id, state, used_venue_id, shard, n)
  SELECT campaign_id, state, coalesce(used_venue_id, 0), 0, count(*)::int FROM vouchers GROUP BY 1, 2, 3;
