ALTER TABLE "orgs" ADD COLUMN "address" text;--> statement-breakpoint
ALTER TABLE "orgs" ADD COLUMN "contact_name" text;--> statement-breakpoint
ALTER TABLE "orgs" ADD COLUMN "contact_phone" text;--> statement-breakpoint
ALTER TABLE "orgs" ADD COLUMN "credit_code" text;--> statement-breakpoint
ALTER TABLE "orgs" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "orgs" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "orgs_parent_name_unique" ON "orgs" USING btree ("parent_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "orgs_credit_code_unique" ON "orgs" USING btree ("credit_code") WHERE "orgs"."credit_code" is not null;