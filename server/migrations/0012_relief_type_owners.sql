CREATE TABLE "relief_type_limits" (
	"org_id" integer PRIMARY KEY NOT NULL,
	"max_amount" integer NOT NULL,
	"field_kinds" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer
);
--> statement-breakpoint
ALTER TABLE "relief_aid_types" ADD COLUMN "org_id" integer;--> statement-breakpoint
-- Hand-written: the existing types (the six seeded ones and any an admin added) belong to the root of the union tree.
-- Without any union there can be no application either: such type rows go (the server re-creates them, owned by the
-- root, once a root union exists).
UPDATE "relief_aid_types" SET "org_id" = (SELECT "id" FROM "orgs" WHERE "parent_id" IS NULL ORDER BY "id" LIMIT 1);--> statement-breakpoint
DELETE FROM "relief_aid_types" WHERE "org_id" IS NULL;--> statement-breakpoint
ALTER TABLE "relief_aid_types" ALTER COLUMN "org_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "relief_aid_types" ADD COLUMN "review_level" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "relief_type_limits" ADD CONSTRAINT "relief_type_limits_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relief_type_limits" ADD CONSTRAINT "relief_type_limits_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relief_aid_types" ADD CONSTRAINT "relief_aid_types_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "relief_aid_types_org_idx" ON "relief_aid_types" USING btree ("org_id");--> statement-breakpoint
-- Hand-written: the seeded diagnosis fields become the new kind `medical` (always sensitive), and every field of a
-- sensitive kind is marked sensitive in the stored configuration (the server forces it anyway when storing values).
UPDATE "relief_aid_types" SET "config" = jsonb_set("config", '{fields}', (
  SELECT jsonb_agg(
    CASE
      WHEN f->>'key' = 'diagnosis' AND f->>'kind' = 'text' THEN f || '{"kind": "medical", "sensitive": true}'::jsonb
      WHEN f->>'kind' IN ('id_number', 'phone', 'medical') THEN f || '{"sensitive": true}'::jsonb
      ELSE f
    END ORDER BY i)
  FROM jsonb_array_elements("config"->'fields') WITH ORDINALITY AS t(f, i)
)) WHERE jsonb_typeof("config"->'fields') = 'array' AND jsonb_array_length("config"->'fields') > 0;
