CREATE TABLE "console_login_tickets" (
	"id" text PRIMARY KEY NOT NULL,
	"secret_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"place" text NOT NULL,
	"scanned_by" integer,
	"scanned_at" timestamp with time zone,
	"confirmed_by" integer,
	"confirmed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"claimed_at" timestamp with time zone,
	"session_id" text
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "kind" text DEFAULT 'app' NOT NULL;--> statement-breakpoint
ALTER TABLE "console_login_tickets" ADD CONSTRAINT "console_login_tickets_scanned_by_users_id_fk" FOREIGN KEY ("scanned_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "console_login_tickets" ADD CONSTRAINT "console_login_tickets_confirmed_by_users_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "console_login_tickets" ADD CONSTRAINT "console_login_tickets_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "console_login_tickets_expires_idx" ON "console_login_tickets" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "console_login_tickets_session_idx" ON "console_login_tickets" USING btree ("session_id");