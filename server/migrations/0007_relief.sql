CREATE TABLE "relief_aid_types" (
	"key" text PRIMARY KEY NOT NULL,
	"config" jsonb NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" integer
);
--> statement-breakpoint
CREATE TABLE "relief_applications" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "relief_applications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"user_id" integer NOT NULL,
	"type_key" text NOT NULL,
	"org_id" integer NOT NULL,
	"stage" text NOT NULL,
	"fields" jsonb NOT NULL,
	"sensitive_enc" text,
	"documents" jsonb NOT NULL,
	"consent_sensitive" boolean DEFAULT false NOT NULL,
	"step" text,
	"draft_saved_at" timestamp with time zone,
	"submission_count" integer DEFAULT 0 NOT NULL,
	"submitted_at" timestamp with time zone,
	"stage_since" timestamp with time zone NOT NULL,
	"year" integer,
	"cause_group" text,
	"cause_key" text,
	"return_request" jsonb,
	"reject_reason" text,
	"amount" integer,
	"base_reviewer_id" integer,
	"district_reviewer_id" integer,
	"home_visit" jsonb,
	"round_id" integer,
	"payout" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "relief_events" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "relief_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"application_id" integer NOT NULL,
	"kind" text NOT NULL,
	"note" text,
	"by_label" text,
	"actor_user_id" integer,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "relief_objections" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "relief_objections_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"application_id" integer NOT NULL,
	"round_id" integer NOT NULL,
	"user_id" integer,
	"content" text NOT NULL,
	"answer" text,
	"upheld" boolean,
	"answered_by" integer,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "relief_review_grants" (
	"user_id" integer NOT NULL,
	"org_id" integer NOT NULL,
	"level" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "relief_rounds" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "relief_rounds_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"title" text NOT NULL,
	"org_id" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "relief_submissions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "relief_submissions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"application_id" integer NOT NULL,
	"no" integer NOT NULL,
	"fields" jsonb NOT NULL,
	"sensitive_enc" text,
	"documents" jsonb NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "relief_aid_types" ADD CONSTRAINT "relief_aid_types_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relief_applications" ADD CONSTRAINT "relief_applications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relief_applications" ADD CONSTRAINT "relief_applications_type_key_relief_aid_types_key_fk" FOREIGN KEY ("type_key") REFERENCES "public"."relief_aid_types"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relief_applications" ADD CONSTRAINT "relief_applications_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relief_applications" ADD CONSTRAINT "relief_applications_base_reviewer_id_users_id_fk" FOREIGN KEY ("base_reviewer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relief_applications" ADD CONSTRAINT "relief_applications_district_reviewer_id_users_id_fk" FOREIGN KEY ("district_reviewer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relief_applications" ADD CONSTRAINT "relief_applications_round_id_relief_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."relief_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relief_events" ADD CONSTRAINT "relief_events_application_id_relief_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."relief_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relief_events" ADD CONSTRAINT "relief_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relief_objections" ADD CONSTRAINT "relief_objections_application_id_relief_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."relief_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relief_objections" ADD CONSTRAINT "relief_objections_round_id_relief_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."relief_rounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relief_objections" ADD CONSTRAINT "relief_objections_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relief_objections" ADD CONSTRAINT "relief_objections_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relief_review_grants" ADD CONSTRAINT "relief_review_grants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relief_review_grants" ADD CONSTRAINT "relief_review_grants_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relief_rounds" ADD CONSTRAINT "relief_rounds_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relief_rounds" ADD CONSTRAINT "relief_rounds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relief_submissions" ADD CONSTRAINT "relief_submissions_application_id_relief_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."relief_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "relief_applications_user_idx" ON "relief_applications" USING btree ("user_id","type_key","year");--> statement-breakpoint
CREATE INDEX "relief_applications_stage_idx" ON "relief_applications" USING btree ("stage","stage_since");--> statement-breakpoint
CREATE INDEX "relief_applications_cause_idx" ON "relief_applications" USING btree ("user_id","cause_group","cause_key");--> statement-breakpoint
CREATE INDEX "relief_applications_round_idx" ON "relief_applications" USING btree ("round_id");--> statement-breakpoint
CREATE INDEX "relief_events_app_idx" ON "relief_events" USING btree ("application_id","at");--> statement-breakpoint
CREATE INDEX "relief_objections_app_idx" ON "relief_objections" USING btree ("application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "relief_review_grants_unique" ON "relief_review_grants" USING btree ("user_id","org_id","level");--> statement-breakpoint
CREATE UNIQUE INDEX "relief_submissions_app_no" ON "relief_submissions" USING btree ("application_id","no");