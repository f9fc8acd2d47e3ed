CREATE TABLE "membership_id_conflicts" (
	"user_id" integer NOT NULL,
	"day" date NOT NULL,
	"attempts" integer NOT NULL,
	CONSTRAINT "membership_id_conflicts_pk" PRIMARY KEY("user_id","day")
);
--> statement-breakpoint
DROP INDEX "membership_applications_status_idx";--> statement-breakpoint
ALTER TABLE "join_drafts" ADD COLUMN "id_number_enc" text;--> statement-breakpoint
ALTER TABLE "join_drafts" ADD COLUMN "phone_enc" text;--> statement-breakpoint
ALTER TABLE "membership_id_conflicts" ADD CONSTRAINT "membership_id_conflicts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "membership_applications_pending_idx" ON "membership_applications" USING btree ("submitted_at","id") WHERE "membership_applications"."status" = 'submitted';--> statement-breakpoint
CREATE INDEX "membership_applications_pending_org_idx" ON "membership_applications" USING btree ("org_id","submitted_at","id") WHERE "membership_applications"."status" = 'submitted';--> statement-breakpoint
-- Hand-written (must precede the unique index below): before that index existed two racing first submissions could
-- leave a user with two pending applications. Keep the first; the later copies (their timeline rows go by cascade)
-- are removed, so the index can be built on any existing database.
DELETE FROM "membership_applications" AS a USING "membership_applications" AS b WHERE a."status" = 'submitted' AND b."status" = 'submitted' AND a."user_id" = b."user_id" AND a."id" > b."id";--> statement-breakpoint
CREATE UNIQUE INDEX "membership_applications_one_pending" ON "membership_applications" USING btree ("user_id") WHERE "membership_applications"."status" = 'submitted';--> statement-breakpoint
CREATE INDEX "merchants_manage_idx" ON "merchants" USING btree ("valid_to" DESC NULLS LAST,"id") WHERE "merchants"."taken_down_at" is null;