CREATE TABLE "venues" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "venues_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"org_id" integer NOT NULL,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"lat" double precision NOT NULL,
	"lng" double precision NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "voucher_campaign_venues" (
	"campaign_id" integer NOT NULL,
	"venue_id" integer NOT NULL,
	"position" integer NOT NULL,
	"stock" integer,
	CONSTRAINT "voucher_campaign_venues_campaign_id_venue_id_pk" PRIMARY KEY("campaign_id","venue_id")
);
--> statement-breakpoint
ALTER TABLE "voucher_campaigns" ADD COLUMN "draw_version" integer DEFAULT 2 NOT NULL;--> statement-breakpoint
ALTER TABLE "vouchers" ADD COLUMN "redeem_lag_seconds" integer;--> statement-breakpoint
ALTER TABLE "venues" ADD CONSTRAINT "venues_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_campaign_venues" ADD CONSTRAINT "voucher_campaign_venues_campaign_id_voucher_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."voucher_campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_campaign_venues" ADD CONSTRAINT "voucher_campaign_venues_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "venues_org_idx" ON "venues" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "voucher_campaign_venues_venue_idx" ON "voucher_campaign_venues" USING btree ("venue_id");--> statement-breakpoint
-- Backfill (hand-written, before the keys below and before the JSON list is dropped): each campaign's JSON venues
-- become registry venues owned by the campaign's union (one per union, name and address), and every venue id that
-- was numbered per campaign (1, 2, … — the campaign's list and allotments, stock rows, vouchers' own and used
-- venues) becomes its registry id. An id with no venue behind it becomes NULL.
INSERT INTO "venues" ("org_id", "name", "address", "lat", "lng")
SELECT DISTINCT ON (c."org_id", v->>'name', v->>'address')
       c."org_id", v->>'name', v->>'address', (v->>'lat')::double precision, (v->>'lng')::double precision
  FROM "voucher_campaigns" c CROSS JOIN LATERAL jsonb_array_elements(c."venues") AS v
 ORDER BY c."org_id", v->>'name', v->>'address', c."id";--> statement-breakpoint
CREATE TABLE "_venue_map" AS
SELECT c."id" AS campaign_id, (e.v->>'id')::integer AS old_id, r."id" AS new_id, e.ord::integer AS position,
       (e.v->>'stock')::integer AS stock
  FROM "voucher_campaigns" c CROSS JOIN LATERAL jsonb_array_elements(c."venues") WITH ORDINALITY AS e(v, ord)
  JOIN "venues" r ON r."org_id" = c."org_id" AND r."name" = e.v->>'name' AND r."address" = e.v->>'address';--> statement-breakpoint
INSERT INTO "voucher_campaign_venues" ("campaign_id", "venue_id", "position", "stock")
SELECT campaign_id, new_id, min(position), CASE WHEN bool_and(stock IS NULL) THEN NULL ELSE sum(stock)::integer END
  FROM "_venue_map" GROUP BY campaign_id, new_id;--> statement-breakpoint
UPDATE "voucher_stock" s SET "venue_id" = (SELECT m.new_id FROM "_venue_map" m WHERE m.campaign_id = s."campaign_id" AND m.old_id = s."venue_id")
 WHERE s."venue_id" IS NOT NULL;--> statement-breakpoint
UPDATE "vouchers" x SET "venue_id" = (SELECT m.new_id FROM "_venue_map" m WHERE m.campaign_id = x."campaign_id" AND m.old_id = x."venue_id")
 WHERE x."venue_id" IS NOT NULL;--> statement-breakpoint
UPDATE "vouchers" x SET "used_venue_id" = (SELECT m.new_id FROM "_venue_map" m WHERE m.campaign_id = x."campaign_id" AND m.old_id = x."used_venue_id")
 WHERE x."used_venue_id" IS NOT NULL;--> statement-breakpoint
DROP TABLE "_venue_map";--> statement-breakpoint
-- Lotteries already drawn keep the rule they were drawn by (score over the user id); every other one uses the entry number.
UPDATE "voucher_campaigns" SET "draw_version" = 1 WHERE "drawn_at" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "voucher_stock" ADD CONSTRAINT "voucher_stock_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_used_venue_id_venues_id_fk" FOREIGN KEY ("used_venue_id") REFERENCES "public"."venues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_campaigns" DROP COLUMN "venues";