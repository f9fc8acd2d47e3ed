CREATE TABLE "voucher_campaigns" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "voucher_campaigns_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"rules" text DEFAULT '' NOT NULL,
	"org_id" integer NOT NULL,
	"venues" jsonb NOT NULL,
	"total_stock" integer NOT NULL,
	"shards" integer NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"voucher_valid_days" integer NOT NULL,
	"mode" text NOT NULL,
	"limit_count" integer NOT NULL,
	"limit_period" text NOT NULL,
	"eligible_employment_types" jsonb,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "voucher_quotas" (
	"user_id" integer NOT NULL,
	"scope" text NOT NULL,
	"used" integer NOT NULL,
	CONSTRAINT "voucher_quotas_user_id_scope_pk" PRIMARY KEY("user_id","scope"),
	CONSTRAINT "voucher_quotas_used_nonneg" CHECK ("voucher_quotas"."used" >= 0)
);
--> statement-breakpoint
CREATE TABLE "voucher_stock" (
	"campaign_id" integer NOT NULL,
	"shard" integer NOT NULL,
	"remaining" integer NOT NULL,
	CONSTRAINT "voucher_stock_campaign_id_shard_pk" PRIMARY KEY("campaign_id","shard"),
	CONSTRAINT "voucher_stock_remaining_nonneg" CHECK ("voucher_stock"."remaining" >= 0)
);
--> statement-breakpoint
CREATE TABLE "vouchers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "vouchers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"campaign_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"code" text NOT NULL,
	"shard" integer NOT NULL,
	"quota_scope" text NOT NULL,
	"state" text DEFAULT 'unused' NOT NULL,
	"idempotency_key" text,
	"claimed_at" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"used_venue_id" integer,
	"redeemed_by" integer,
	"returned_at" timestamp with time zone,
	CONSTRAINT "vouchers_code_unique" UNIQUE("code")
);
--> statement-breakpoint
ALTER TABLE "voucher_campaigns" ADD CONSTRAINT "voucher_campaigns_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_campaigns" ADD CONSTRAINT "voucher_campaigns_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_quotas" ADD CONSTRAINT "voucher_quotas_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_stock" ADD CONSTRAINT "voucher_stock_campaign_id_voucher_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."voucher_campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_campaign_id_voucher_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."voucher_campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vouchers" ADD CONSTRAINT "vouchers_redeemed_by_users_id_fk" FOREIGN KEY ("redeemed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "voucher_campaigns_org_idx" ON "voucher_campaigns" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "voucher_campaigns_closes_idx" ON "voucher_campaigns" USING btree ("closes_at");--> statement-breakpoint
CREATE UNIQUE INDEX "vouchers_idempotency_unique" ON "vouchers" USING btree ("user_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "vouchers_user_idx" ON "vouchers" USING btree ("user_id","claimed_at");--> statement-breakpoint
CREATE INDEX "vouchers_campaign_idx" ON "vouchers" USING btree ("campaign_id","state");