ALTER TABLE "vouchers" ADD COLUMN "expiry_reminded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD COLUMN "reminded_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "vouchers_expiry_remind_idx" ON "vouchers" USING btree ("valid_until") WHERE "vouchers"."state" = 'unused' and "vouchers"."expiry_reminded_at" is null;