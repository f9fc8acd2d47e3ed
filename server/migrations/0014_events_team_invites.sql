CREATE TABLE "event_invite_lookups" (
	"user_id" integer PRIMARY KEY NOT NULL,
	"window_started_at" timestamp with time zone NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_team_invites" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "event_team_invites_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"event_id" integer NOT NULL,
	"registration_id" integer NOT NULL,
	"code" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_by" integer,
	"accepted_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
DROP INDEX "event_team_members_unique";--> statement-breakpoint
ALTER TABLE "event_registrations" ADD COLUMN "team_name" text;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD COLUMN "team_size" integer;--> statement-breakpoint
ALTER TABLE "event_team_members" ADD COLUMN "id" integer PRIMARY KEY NOT NULL GENERATED ALWAYS AS IDENTITY (sequence name "event_team_members_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1);--> statement-breakpoint
ALTER TABLE "event_team_members" ADD COLUMN "captain" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "event_team_members" ADD COLUMN "joined_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "event_team_members" ADD COLUMN "left_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "event_team_members" ADD COLUMN "left_reason" text;--> statement-breakpoint
ALTER TABLE "event_invite_lookups" ADD CONSTRAINT "event_invite_lookups_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_team_invites" ADD CONSTRAINT "event_team_invites_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_team_invites" ADD CONSTRAINT "event_team_invites_registration_id_event_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."event_registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_team_invites" ADD CONSTRAINT "event_team_invites_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_team_invites" ADD CONSTRAINT "event_team_invites_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "event_team_invites_code_unique" ON "event_team_invites" USING btree ("code");--> statement-breakpoint
CREATE INDEX "event_team_invites_reg_idx" ON "event_team_invites" USING btree ("registration_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "event_team_members_unique" ON "event_team_members" USING btree ("event_id","user_id") WHERE "event_team_members"."left_at" is null;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_team_size_positive" CHECK ("event_registrations"."team_size" is null or "event_registrations"."team_size" >= 1);--> statement-breakpoint
-- Hand-written: move the team snapshot (jsonb) into the columns and rows that replace it, then drop the static
-- check-in code (check-in now takes a short-lived code signed for the member's live session).
UPDATE "event_registrations" SET "team_name" = "team"->>'name' WHERE "team" IS NOT NULL;
--> statement-breakpoint
UPDATE "event_team_members" m SET "captain" = (m."user_id" = r."user_id"), "joined_at" = r."created_at"
FROM "event_registrations" r WHERE r."id" = m."registration_id";
--> statement-breakpoint
INSERT INTO "event_team_members" ("event_id", "user_id", "registration_id", "captain", "joined_at", "left_at", "left_reason")
SELECT r."event_id", (x->>'userId')::int, r."id", coalesce((x->>'captain')::boolean, false), r."created_at",
       coalesce(r."cancelled_at", r."decided_at", r."created_at"), 'closed'
FROM "event_registrations" r CROSS JOIN LATERAL jsonb_array_elements(r."team"->'members') x
WHERE r."team" IS NOT NULL AND r."status" IN ('cancelled', 'rejected')
  AND EXISTS (SELECT 1 FROM "users" u WHERE u."id" = (x->>'userId')::int);
--> statement-breakpoint
UPDATE "event_registrations" r SET "team_size" = greatest(1, (
  SELECT count(*)::int FROM "event_team_members" m
  WHERE m."registration_id" = r."id" AND (m."left_at" IS NULL OR m."left_reason" = 'closed')))
WHERE r."team" IS NOT NULL;
--> statement-breakpoint
DROP INDEX "event_registrations_code_unique";--> statement-breakpoint
ALTER TABLE "event_registrations" DROP COLUMN "code";--> statement-breakpoint
ALTER TABLE "event_registrations" DROP COLUMN "team";
