ALTER TABLE "booking_slots" ADD COLUMN "cancelled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "booking_slots" ADD COLUMN "cancelled_by" integer;--> statement-breakpoint
ALTER TABLE "booking_slots" ADD COLUMN "cancel_reason" text;--> statement-breakpoint
ALTER TABLE "booking_slots" ADD CONSTRAINT "booking_slots_cancelled_by_users_id_fk" FOREIGN KEY ("cancelled_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;