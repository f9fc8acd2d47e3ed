CREATE INDEX "membership_applications_org_submitted_idx" ON "membership_applications" USING btree ("org_id","submitted_at");--> statement-breakpoint
CREATE INDEX "membership_applications_org_decided_idx" ON "membership_applications" USING btree ("org_id","decided_at");--> statement-breakpoint
CREATE INDEX "memberships_org_joined_idx" ON "memberships" USING btree ("org_id","joined_at");--> statement-breakpoint
CREATE INDEX "vouchers_campaign_claimed_idx" ON "vouchers" USING btree ("campaign_id","claimed_at");--> statement-breakpoint
CREATE INDEX "events_org_starts_idx" ON "events" USING btree ("org_id","starts_at");--> statement-breakpoint
CREATE INDEX "relief_applications_org_submitted_idx" ON "relief_applications" USING btree ("org_id","submitted_at");--> statement-breakpoint
CREATE INDEX "relief_events_kind_at_idx" ON "relief_events" USING btree ("kind","at");