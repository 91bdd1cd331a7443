CREATE TABLE "action_plans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"plan_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_action_goals" (
	"action_id" uuid NOT NULL,
	"goal_id" uuid NOT NULL,
	"weight" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "plan_action_goals_action_id_goal_id_pk" PRIMARY KEY("action_id","goal_id"),
	CONSTRAINT "plan_action_goals_weight_check" CHECK ("plan_action_goals"."weight" >= 0)
);
--> statement-breakpoint
CREATE TABLE "plan_action_links" (
	"action_id" uuid NOT NULL,
	"event_id" uuid,
	"session_id" uuid,
	CONSTRAINT "plan_action_links_one_check" CHECK (num_nonnulls("plan_action_links"."event_id", "plan_action_links"."session_id") = 1)
);
--> statement-breakpoint
CREATE TABLE "plan_action_owners" (
	"action_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	CONSTRAINT "plan_action_owners_action_id_organisation_id_pk" PRIMARY KEY("action_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "plan_actions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"action_plan_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"ref" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"contact_name" text,
	"contact_email" text,
	"status_id" uuid NOT NULL,
	"progress" integer,
	"starts_on" date,
	"ends_on" date,
	"carried_from_id" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_actions_progress_check" CHECK ("plan_actions"."progress" is null or "plan_actions"."progress" between 0 and 100),
	CONSTRAINT "plan_actions_dates_check" CHECK ("plan_actions"."starts_on" is null or "plan_actions"."ends_on" is null or "plan_actions"."starts_on" <= "plan_actions"."ends_on")
);
--> statement-breakpoint
CREATE TABLE "plan_focus_areas" (
	"id" uuid PRIMARY KEY NOT NULL,
	"plan_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"position" integer DEFAULT 0 NOT NULL,
	"rule" text DEFAULT 'mean' NOT NULL,
	"manual_progress" integer,
	"weight" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "plan_focus_areas_rule_check" CHECK ("plan_focus_areas"."rule" in ('mean','weighted','done','manual')),
	CONSTRAINT "plan_focus_areas_manual_check" CHECK ("plan_focus_areas"."manual_progress" is null or "plan_focus_areas"."manual_progress" between 0 and 100),
	CONSTRAINT "plan_focus_areas_weight_check" CHECK ("plan_focus_areas"."weight" >= 0)
);
--> statement-breakpoint
CREATE TABLE "plan_goals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"plan_id" uuid NOT NULL,
	"focus_area_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"position" integer DEFAULT 0 NOT NULL,
	"rule" text DEFAULT 'mean' NOT NULL,
	"manual_progress" integer,
	"weight" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "plan_goals_rule_check" CHECK ("plan_goals"."rule" in ('mean','weighted','done','manual')),
	CONSTRAINT "plan_goals_manual_check" CHECK ("plan_goals"."manual_progress" is null or "plan_goals"."manual_progress" between 0 and 100),
	CONSTRAINT "plan_goals_weight_check" CHECK ("plan_goals"."weight" >= 0)
);
--> statement-breakpoint
CREATE TABLE "plan_milestones" (
	"id" uuid PRIMARY KEY NOT NULL,
	"action_id" uuid NOT NULL,
	"title" text NOT NULL,
	"due_on" date NOT NULL,
	"done_on" date
);
--> statement-breakpoint
CREATE TABLE "plan_reporters" (
	"plan_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_reporters_plan_id_person_id_organisation_id_pk" PRIMARY KEY("plan_id","person_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "plan_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"action_id" uuid NOT NULL,
	"person_id" uuid,
	"reporter_name" text NOT NULL,
	"status_id" uuid NOT NULL,
	"progress" integer NOT NULL,
	"comment" text NOT NULL,
	"seq" bigserial NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_reports_progress_check" CHECK ("plan_reports"."progress" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "plan_statuses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"space_id" uuid NOT NULL,
	"key" text NOT NULL,
	"label" text NOT NULL,
	"label_en" text NOT NULL,
	"suggested_progress" integer,
	"done" boolean DEFAULT false NOT NULL,
	"counts" boolean DEFAULT true NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "plan_statuses_suggested_check" CHECK ("plan_statuses"."suggested_progress" is null or "plan_statuses"."suggested_progress" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"space_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"vision" text,
	"period_start" integer NOT NULL,
	"period_end" integer NOT NULL,
	"rule" text DEFAULT 'mean' NOT NULL,
	"manual_progress" integer,
	"published" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plans_slug_unique" UNIQUE("slug"),
	CONSTRAINT "plans_rule_check" CHECK ("plans"."rule" in ('mean','weighted','done','manual')),
	CONSTRAINT "plans_manual_check" CHECK ("plans"."manual_progress" is null or "plans"."manual_progress" between 0 and 100),
	CONSTRAINT "plans_period_check" CHECK ("plans"."period_start" <= "plans"."period_end")
);
--> statement-breakpoint
ALTER TABLE "action_plans" ADD CONSTRAINT "action_plans_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_action_goals" ADD CONSTRAINT "plan_action_goals_action_id_plan_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."plan_actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_action_goals" ADD CONSTRAINT "plan_action_goals_goal_id_plan_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."plan_goals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_action_links" ADD CONSTRAINT "plan_action_links_action_id_plan_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."plan_actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_action_links" ADD CONSTRAINT "plan_action_links_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_action_links" ADD CONSTRAINT "plan_action_links_session_id_program_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."program_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_action_owners" ADD CONSTRAINT "plan_action_owners_action_id_plan_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."plan_actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_action_owners" ADD CONSTRAINT "plan_action_owners_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_actions" ADD CONSTRAINT "plan_actions_action_plan_id_action_plans_id_fk" FOREIGN KEY ("action_plan_id") REFERENCES "public"."action_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_actions" ADD CONSTRAINT "plan_actions_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_actions" ADD CONSTRAINT "plan_actions_status_id_plan_statuses_id_fk" FOREIGN KEY ("status_id") REFERENCES "public"."plan_statuses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_focus_areas" ADD CONSTRAINT "plan_focus_areas_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_goals" ADD CONSTRAINT "plan_goals_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_goals" ADD CONSTRAINT "plan_goals_focus_area_id_plan_focus_areas_id_fk" FOREIGN KEY ("focus_area_id") REFERENCES "public"."plan_focus_areas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_milestones" ADD CONSTRAINT "plan_milestones_action_id_plan_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."plan_actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_reporters" ADD CONSTRAINT "plan_reporters_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_reporters" ADD CONSTRAINT "plan_reporters_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_reporters" ADD CONSTRAINT "plan_reporters_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_reports" ADD CONSTRAINT "plan_reports_action_id_plan_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."plan_actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_reports" ADD CONSTRAINT "plan_reports_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_reports" ADD CONSTRAINT "plan_reports_status_id_plan_statuses_id_fk" FOREIGN KEY ("status_id") REFERENCES "public"."plan_statuses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_statuses" ADD CONSTRAINT "plan_statuses_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "action_plans_plan_year_key" ON "action_plans" USING btree ("plan_id","year");--> statement-breakpoint
CREATE INDEX "plan_action_goals_goal_idx" ON "plan_action_goals" USING btree ("goal_id");--> statement-breakpoint
CREATE INDEX "plan_action_links_action_idx" ON "plan_action_links" USING btree ("action_id");--> statement-breakpoint
CREATE INDEX "plan_action_owners_org_idx" ON "plan_action_owners" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_actions_ref_key" ON "plan_actions" USING btree ("action_plan_id","ref");--> statement-breakpoint
CREATE INDEX "plan_actions_plan_idx" ON "plan_actions" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "plan_actions_carried_idx" ON "plan_actions" USING btree ("carried_from_id");--> statement-breakpoint
CREATE INDEX "plan_focus_areas_plan_idx" ON "plan_focus_areas" USING btree ("plan_id","position");--> statement-breakpoint
CREATE INDEX "plan_goals_focus_idx" ON "plan_goals" USING btree ("focus_area_id","position");--> statement-breakpoint
CREATE INDEX "plan_milestones_action_idx" ON "plan_milestones" USING btree ("action_id","due_on");--> statement-breakpoint
CREATE INDEX "plan_reporters_person_idx" ON "plan_reporters" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "plan_reports_action_idx" ON "plan_reports" USING btree ("action_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_statuses_space_key" ON "plan_statuses" USING btree ("space_id","key");--> statement-breakpoint
CREATE INDEX "plans_space_idx" ON "plans" USING btree ("space_id");