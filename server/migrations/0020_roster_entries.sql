CREATE TABLE "roster_claim_attempts" (
	"user_id" integer NOT NULL,
	"day" date NOT NULL,
	"attempts" integer NOT NULL,
	CONSTRAINT "roster_claim_attempts_pk" PRIMARY KEY("user_id","day")
);
--> statement-breakpoint
CREATE TABLE "roster_entries" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "roster_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"id_hash" text NOT NULL,
	"id_number_enc" text NOT NULL,
	"phone_enc" text NOT NULL,
	"name" text NOT NULL,
	"org_id" integer NOT NULL,
	"employment_type" text NOT NULL,
	"member_no" text,
	"joined_on" date NOT NULL,
	"imported_by" integer,
	"claimed_by" integer,
	"claimed_at" timestamp with time zone,
	"membership_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "roster_entries_id_hash_unique" UNIQUE("id_hash"),
	CONSTRAINT "roster_entries_claimed_by_unique" UNIQUE("claimed_by")
);
--> statement-breakpoint
ALTER TABLE "roster_claim_attempts" ADD CONSTRAINT "roster_claim_attempts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_entries" ADD CONSTRAINT "roster_entries_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_entries" ADD CONSTRAINT "roster_entries_imported_by_users_id_fk" FOREIGN KEY ("imported_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_entries" ADD CONSTRAINT "roster_entries_claimed_by_users_id_fk" FOREIGN KEY ("claimed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_entries" ADD CONSTRAINT "roster_entries_membership_id_memberships_id_fk" FOREIGN KEY ("membership_id") REFERENCES "public"."memberships"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "roster_entries_org_idx" ON "roster_entries" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "roster_entries_member_no_unique" ON "roster_entries" USING btree ("member_no") WHERE "roster_entries"."member_no" is not null;