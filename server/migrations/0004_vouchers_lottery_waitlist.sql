CREATE TABLE "voucher_entries" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "voucher_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"campaign_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"quota_scope" text NOT NULL,
	"state" text DEFAULT 'entered' NOT NULL,
	"waitlist_place" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "voucher_redeem_requests" (
	"staff_user_id" integer NOT NULL,
	"client_id" text NOT NULL,
	"outcome" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "voucher_redeem_requests_staff_user_id_client_id_pk" PRIMARY KEY("staff_user_id","client_id")
);
--> statement-breakpoint
CREATE TABLE "voucher_waitlist" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "voucher_waitlist_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"campaign_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"state" text DEFAULT 'waiting' NOT NULL,
	"from_draw" boolean DEFAULT false NOT NULL,
	"voucher_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "voucher_campaigns" ADD COLUMN "seed" text;--> statement-breakpoint
ALTER TABLE "voucher_campaigns" ADD COLUMN "commitment" text;--> statement-breakpoint
ALTER TABLE "voucher_campaigns" ADD COLUMN "drawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "voucher_campaigns" ADD COLUMN "confirm_hours" integer DEFAULT 48 NOT NULL;--> statement-breakpoint
ALTER TABLE "vouchers" ADD COLUMN "source" text DEFAULT 'claim' NOT NULL;--> statement-breakpoint
ALTER TABLE "vouchers" ADD COLUMN "confirm_by" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "vouchers" ADD COLUMN "confirmed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "vouchers" ADD COLUMN "return_reason" text;--> statement-breakpoint
ALTER TABLE "voucher_entries" ADD CONSTRAINT "voucher_entries_campaign_id_voucher_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."voucher_campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_entries" ADD CONSTRAINT "voucher_entries_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_redeem_requests" ADD CONSTRAINT "voucher_redeem_requests_staff_user_id_users_id_fk" FOREIGN KEY ("staff_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_waitlist" ADD CONSTRAINT "voucher_waitlist_campaign_id_voucher_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."voucher_campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_waitlist" ADD CONSTRAINT "voucher_waitlist_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voucher_waitlist" ADD CONSTRAINT "voucher_waitlist_voucher_id_vouchers_id_fk" FOREIGN KEY ("voucher_id") REFERENCES "public"."vouchers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "voucher_entries_campaign_user_unique" ON "voucher_entries" USING btree ("campaign_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "voucher_waitlist_waiting_unique" ON "voucher_waitlist" USING btree ("campaign_id","user_id") WHERE state = 'waiting';--> statement-breakpoint
CREATE INDEX "voucher_waitlist_line_idx" ON "voucher_waitlist" USING btree ("campaign_id","state","id");--> statement-breakpoint
CREATE INDEX "voucher_waitlist_user_idx" ON "voucher_waitlist" USING btree ("user_id","campaign_id");