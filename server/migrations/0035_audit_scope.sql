ALTER TABLE "audit_log" ADD COLUMN "org_id" integer;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "ip" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "user_agent" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "channel" text;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_org_idx" ON "audit_log" USING btree ("org_id","id");--> statement-breakpoint
CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("action","id");--> statement-breakpoint
-- The rows written before this get their union by the writer's rules (server/src/audit-org.ts): the subject's union,
-- else detail.orgId, else the actor's highest staff post; the rest stay null (the root's admins see them).
UPDATE "audit_log" a SET "org_id" = s."org_id" FROM (
  SELECT l."id", COALESCE(
    CASE l."subject_type"
      WHEN 'org' THEN (SELECT o."id" FROM "orgs" o WHERE o."id"::text = l."subject_id")
      WHEN 'membership_application' THEN (SELECT t."org_id" FROM "membership_applications" t WHERE t."id"::text = l."subject_id")
      WHEN 'membership' THEN (SELECT t."org_id" FROM "memberships" t WHERE t."id"::text = l."subject_id")
      WHEN 'membership_departure' THEN (SELECT t."org_id" FROM "membership_departures" t WHERE t."id"::text = l."subject_id")
      WHEN 'relief_application' THEN (SELECT t."org_id" FROM "relief_applications" t WHERE t."id"::text = l."subject_id")
      WHEN 'relief_objection' THEN (SELECT r."org_id" FROM "relief_objections" t JOIN "relief_applications" r ON r."id" = t."application_id" WHERE t."id"::text = l."subject_id")
      WHEN 'relief_round' THEN (SELECT t."org_id" FROM "relief_rounds" t WHERE t."id"::text = l."subject_id")
      WHEN 'relief_aid_type' THEN (SELECT t."org_id" FROM "relief_aid_types" t WHERE t."key" = l."subject_id")
      WHEN 'event' THEN (SELECT t."org_id" FROM "events" t WHERE t."id"::text = l."subject_id")
      WHEN 'event_registration' THEN (SELECT e."org_id" FROM "event_registrations" t JOIN "events" e ON e."id" = t."event_id" WHERE t."id"::text = l."subject_id")
      WHEN 'legal_case' THEN (SELECT t."org_id" FROM "legal_cases" t WHERE t."id"::text = l."subject_id")
      WHEN 'station' THEN (SELECT t."org_id" FROM "stations" t WHERE t."id"::text = l."subject_id")
      WHEN 'station_report' THEN (SELECT s2."org_id" FROM "station_reports" t JOIN "stations" s2 ON s2."id" = t."station_id" WHERE t."id"::text = l."subject_id")
      WHEN 'staff_invitation' THEN (SELECT t."org_id" FROM "staff_invitations" t WHERE t."id"::text = l."subject_id")
      WHEN 'booking_service' THEN (SELECT t."org_id" FROM "booking_services" t WHERE t."id"::text = l."subject_id")
      WHEN 'booking_slot' THEN (SELECT v."org_id" FROM "booking_slots" t JOIN "booking_services" v ON v."id" = t."service_id" WHERE t."id"::text = l."subject_id")
      WHEN 'booking' THEN (SELECT v."org_id" FROM "bookings" t JOIN "booking_slots" b ON b."id" = t."slot_id" JOIN "booking_services" v ON v."id" = b."service_id" WHERE t."id"::text = l."subject_id")
      WHEN 'merchant' THEN (SELECT t."org_id" FROM "merchants" t WHERE t."id"::text = l."subject_id")
      WHEN 'moderation_item' THEN (SELECT t."org_id" FROM "moderation_items" t WHERE t."id"::text = l."subject_id")
      WHEN 'voucher_campaign' THEN (SELECT t."org_id" FROM "voucher_campaigns" t WHERE t."id"::text = l."subject_id")
      WHEN 'voucher' THEN (SELECT c."org_id" FROM "vouchers" t JOIN "voucher_campaigns" c ON c."id" = t."campaign_id" WHERE t."id"::text = l."subject_id")
    END,
    (SELECT o."id" FROM "orgs" o WHERE jsonb_typeof(l."detail" -> 'orgId') = 'number' AND o."id"::text = (l."detail" ->> 'orgId')),
    (SELECT r."org_id" FROM "user_roles" r JOIN "orgs" o ON o."id" = r."org_id" WHERE r."user_id" = l."actor_user_id" AND r."role" <> 'member' ORDER BY length(o."path"), o."id" LIMIT 1)
  ) AS "org_id"
  FROM "audit_log" l
) s WHERE s."id" = a."id" AND s."org_id" IS NOT NULL;
