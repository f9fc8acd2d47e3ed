CREATE TABLE "announcements" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "announcements_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" integer NOT NULL,
	"org_path" text NOT NULL,
	"employment_types" text[],
	"title" text NOT NULL,
	"body" text NOT NULL,
	"link" text,
	"cursor_user_id" integer DEFAULT 0 NOT NULL,
	"delivered" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "announcements_subject_uq" ON "announcements" USING btree ("kind","subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "announcements_pending_idx" ON "announcements" USING btree ("id") WHERE "announcements"."done_at" is null;