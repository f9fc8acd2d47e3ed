CREATE TABLE "file_blobs" (
	"file_id" text PRIMARY KEY NOT NULL,
	"bytes" "bytea" NOT NULL
);
--> statement-breakpoint
ALTER TABLE "files" ADD COLUMN "storage" text DEFAULT 'disk' NOT NULL;--> statement-breakpoint
ALTER TABLE "files" ADD COLUMN "attached_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "file_blobs" ADD CONSTRAINT "file_blobs_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "files_owner_created_idx" ON "files" USING btree ("owner_user_id","created_at");--> statement-breakpoint
CREATE INDEX "files_unattached_idx" ON "files" USING btree ("created_at") WHERE "files"."attached_at" is null;--> statement-breakpoint
-- Files uploaded before this migration sit in DATA_DIR/uploads (storage 'disk', served read-only from there). Nothing
-- recorded whether they were referenced, so they count as attached: the sweep of unattached uploads never takes them.
UPDATE "files" SET "attached_at" = "created_at" WHERE "attached_at" IS NULL;
--> statement-breakpoint
-- The WeChat session_key is no longer kept (nothing uses it; the phone-number API takes an access token): clear the
-- stored values. The column itself goes in a later release, once no running instance writes it.
UPDATE "users" SET "wechat_session_key" = NULL WHERE "wechat_session_key" IS NOT NULL;
