ALTER TABLE "voucher_campaigns" ADD COLUMN "stock_by_venue" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "voucher_stock" ADD COLUMN "venue_id" integer;--> statement-breakpoint
ALTER TABLE "vouchers" ADD COLUMN "venue_id" integer;