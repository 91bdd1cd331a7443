CREATE TABLE "network_decisions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"network_id" uuid NOT NULL,
	"event_id" uuid,
	"ref" text,
	"text" text NOT NULL,
	"decided_on" date NOT NULL,
	"action_id" uuid,
	"action_role" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_decisions_role_check" CHECK ("network_decisions"."action_role" is null or "network_decisions"."action_role" in ('created','updated'))
);
--> statement-breakpoint
CREATE TABLE "network_documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_documents_kind_check" CHECK ("network_documents"."kind" in ('minutes','document'))
);
--> statement-breakpoint
CREATE TABLE "network_meetings" (
	"event_id" uuid PRIMARY KEY NOT NULL,
	"network_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "network_members" (
	"id" uuid PRIMARY KEY NOT NULL,
	"network_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"organisation_id" uuid,
	"position_id" uuid NOT NULL,
	"from_on" date NOT NULL,
	"to_on" date,
	"manages" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "network_members_term_check" CHECK ("network_members"."to_on" is null or "network_members"."from_on" <= "network_members"."to_on")
);
--> statement-breakpoint
CREATE TABLE "network_positions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"space_id" uuid NOT NULL,
	"key" text NOT NULL,
	"label" text NOT NULL,
	"label_en" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "networks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"space_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"kind" text DEFAULT 'network' NOT NULL,
	"description" text,
	"contact_name" text,
	"contact_email" text,
	"members_public" boolean DEFAULT false NOT NULL,
	"documents_public" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "networks_slug_unique" UNIQUE("slug"),
	CONSTRAINT "networks_kind_check" CHECK ("networks"."kind" in ('network','council','group'))
);
--> statement-breakpoint
CREATE TABLE "prize_admins" (
	"prize_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	CONSTRAINT "prize_admins_prize_id_person_id_pk" PRIMARY KEY("prize_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "prize_conflicts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"juror_id" uuid NOT NULL,
	"nomination_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	CONSTRAINT "prize_conflicts_kind_check" CHECK ("prize_conflicts"."kind" in ('hard','declared'))
);
--> statement-breakpoint
CREATE TABLE "prize_criteria" (
	"id" uuid PRIMARY KEY NOT NULL,
	"round_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"weight" integer DEFAULT 1 NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "prize_criteria_weight_check" CHECK ("prize_criteria"."weight" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "prize_juror_organisations" (
	"juror_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	CONSTRAINT "prize_juror_organisations_juror_id_organisation_id_pk" PRIMARY KEY("juror_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "prize_jurors" (
	"id" uuid PRIMARY KEY NOT NULL,
	"round_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"stated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prize_nomination_actions" (
	"nomination_id" uuid NOT NULL,
	"action_id" uuid NOT NULL,
	CONSTRAINT "prize_nomination_actions_nomination_id_action_id_pk" PRIMARY KEY("nomination_id","action_id")
);
--> statement-breakpoint
CREATE TABLE "prize_nomination_files" (
	"nomination_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	CONSTRAINT "prize_nomination_files_nomination_id_file_id_pk" PRIMARY KEY("nomination_id","file_id")
);
--> statement-breakpoint
CREATE TABLE "prize_nomination_goals" (
	"nomination_id" uuid NOT NULL,
	"goal_id" uuid NOT NULL,
	CONSTRAINT "prize_nomination_goals_nomination_id_goal_id_pk" PRIMARY KEY("nomination_id","goal_id")
);
--> statement-breakpoint
CREATE TABLE "prize_nomination_organisations" (
	"nomination_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	CONSTRAINT "prize_nomination_organisations_nomination_id_organisation_id_pk" PRIMARY KEY("nomination_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "prize_nominations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"round_id" uuid NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"links" text[] DEFAULT '{}'::text[] NOT NULL,
	"own_work" boolean DEFAULT false NOT NULL,
	"nominator_name" text NOT NULL,
	"nominator_email" text NOT NULL,
	"locale" text DEFAULT 'sv' NOT NULL,
	"ineligible_reason" text,
	"shortlisted" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prize_reviews" (
	"juror_id" uuid NOT NULL,
	"nomination_id" uuid NOT NULL,
	"comment" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "prize_reviews_juror_id_nomination_id_pk" PRIMARY KEY("juror_id","nomination_id")
);
--> statement-breakpoint
CREATE TABLE "prize_rounds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"prize_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"phase" text DEFAULT 'nomination' NOT NULL,
	"intro" text,
	"closes_at" timestamp with time zone NOT NULL,
	"announce_at" timestamp with time zone NOT NULL,
	"plan_id" uuid,
	"ranking" text DEFAULT 'mean' NOT NULL,
	"winner_id" uuid,
	"justification" text,
	"decided_at" timestamp with time zone,
	"announced_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "prize_rounds_phase_check" CHECK ("prize_rounds"."phase" in ('nomination','screening','judging','deliberation','decided','announced')),
	CONSTRAINT "prize_rounds_ranking_check" CHECK ("prize_rounds"."ranking" in ('mean','median')),
	CONSTRAINT "prize_rounds_decided_check" CHECK ("prize_rounds"."phase" not in ('decided','announced') or "prize_rounds"."winner_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "prize_scores" (
	"juror_id" uuid NOT NULL,
	"nomination_id" uuid NOT NULL,
	"criterion_id" uuid NOT NULL,
	"score" integer NOT NULL,
	CONSTRAINT "prize_scores_juror_id_nomination_id_criterion_id_pk" PRIMARY KEY("juror_id","nomination_id","criterion_id"),
	CONSTRAINT "prize_scores_score_check" CHECK ("prize_scores"."score" between 0 and 5)
);
--> statement-breakpoint
CREATE TABLE "prize_screen_answers" (
	"nomination_id" uuid NOT NULL,
	"question_id" uuid NOT NULL,
	"answer" boolean NOT NULL,
	CONSTRAINT "prize_screen_answers_nomination_id_question_id_pk" PRIMARY KEY("nomination_id","question_id")
);
--> statement-breakpoint
CREATE TABLE "prize_screen_questions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"round_id" uuid NOT NULL,
	"text" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prizes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"space_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "prizes_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
ALTER TABLE "plan_action_links" DROP CONSTRAINT "plan_action_links_one_check";--> statement-breakpoint
ALTER TABLE "plan_action_links" ADD COLUMN "network_id" uuid;--> statement-breakpoint
ALTER TABLE "network_decisions" ADD CONSTRAINT "network_decisions_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_decisions" ADD CONSTRAINT "network_decisions_event_id_network_meetings_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."network_meetings"("event_id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_decisions" ADD CONSTRAINT "network_decisions_action_id_plan_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."plan_actions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_documents" ADD CONSTRAINT "network_documents_event_id_network_meetings_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."network_meetings"("event_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_documents" ADD CONSTRAINT "network_documents_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_meetings" ADD CONSTRAINT "network_meetings_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_meetings" ADD CONSTRAINT "network_meetings_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_members" ADD CONSTRAINT "network_members_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_members" ADD CONSTRAINT "network_members_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_members" ADD CONSTRAINT "network_members_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_members" ADD CONSTRAINT "network_members_position_id_network_positions_id_fk" FOREIGN KEY ("position_id") REFERENCES "public"."network_positions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_positions" ADD CONSTRAINT "network_positions_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "networks" ADD CONSTRAINT "networks_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prize_admins" ADD CONSTRAINT "prize_admins_prize_id_prizes_id_fk" FOREIGN KEY ("prize_id") REFERENCES "public"."prizes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prize_admins" ADD CONSTRAINT "prize_admins_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prize_conflicts" ADD CONSTRAINT "prize_conflicts_juror_id_prize_jurors_id_fk" FOREIGN KEY ("juror_id") REFERENCES "public"."prize_jurors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prize_conflicts" ADD CONSTRAINT "prize_conflicts_nomination_id_prize_nominations_id_fk" FOREIGN KEY ("nomination_id") REFERENCES "public"."prize_nominations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prize_criteria" ADD CONSTRAINT "prize_criteria_round_id_prize_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."prize_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prize_juror_organisations" ADD CONSTRAINT "prize_juror_organisations_juror_id_prize_jurors_id_fk" FOREIGN KEY ("juror_id") REFERENCES "public"."prize_jurors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prize_juror_organisations" ADD CONSTRAINT "prize_juror_organisations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prize_jurors" ADD CONSTRAINT "prize_jurors_round_id_prize_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."prize_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prize_jurors" ADD CONSTRAINT "prize_jurors_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prize_nomination_actions" ADD CONSTRAINT "prize_nomination_actions_nomination_id_prize_nominations_id_fk" FOREIGN KEY ("nomination_id") REFERENCES "public"."prize_nominations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prize_nomination_actions" ADD CONSTRAINT "prize_nomination_actions_action_id_plan_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."plan_actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prize_nomination_files" ADD CONSTRAINT "prize_nomination_files_nomination_id_prize_nominations_id_fk" FOREIGN KEY ("nomination_id") REFERENCES "public"."prize_nominations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prize_nomination_files" ADD CONSTRAINT "prize_nomination_files_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prize_nomination_goals" ADD CONSTRAINT "prize_nomination_goals_nomination_id_prize_nominations_id_fk" FOREIGN KEY ("nomination_id") REFERENCES "public"."prize_nominations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prize_nomination_goals" ADD CONSTRAINT "prize_nomination_goals_goal_id_plan_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."plan_goals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prize_nomination_organisations" ADD CONSTRAINT "prize_nomination_organisations_nomination_id_prize_nominations_id_fk" FOREIGN KEY ("nomination_id") REFERENCES "public"."prize_nominations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prize_nomination_organisations" ADD CONSTRAINT "prize_nomination_organisations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prize_nominations" ADD CONSTRAINT "prize_nominations_round_id_prize_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."prize_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prize_reviews" ADD CONSTRAINT "prize_reviews_juror_id_prize_jurors_id_fk" FOREIGN KEY ("juror_id") REFERENCES "public"."prize_jurors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prize_reviews" ADD CONSTRAINT "prize_reviews_nomination_id_prize_nominations_id_fk" FOREIGN KEY ("nomination_id") REFERENCES "public"."prize_nominations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prize_rounds" ADD CONSTRAINT "prize_rounds_prize_id_prizes_id_fk" FOREIGN KEY ("prize_id") REFERENCES "public"."prizes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prize_rounds" ADD CONSTRAINT "prize_rounds_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prize_scores" ADD CONSTRAINT "prize_scores_juror_id_prize_jurors_id_fk" FOREIGN KEY ("juror_id") REFERENCES "public"."prize_jurors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prize_scores" ADD CONSTRAINT "prize_scores_nomination_id_prize_nominations_id_fk" FOREIGN KEY ("nomination_id") REFERENCES "public"."prize_nominations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prize_scores" ADD CONSTRAINT "prize_scores_criterion_id_prize_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."prize_criteria"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prize_screen_answers" ADD CONSTRAINT "prize_screen_answers_nomination_id_prize_nominations_id_fk" FOREIGN KEY ("nomination_id") REFERENCES "public"."prize_nominations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prize_screen_answers" ADD CONSTRAINT "prize_screen_answers_question_id_prize_screen_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."prize_screen_questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prize_screen_questions" ADD CONSTRAINT "prize_screen_questions_round_id_prize_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."prize_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prizes" ADD CONSTRAINT "prizes_space_id_spaces_id_fk" FOREIGN KEY ("space_id") REFERENCES "public"."spaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "network_decisions_network_idx" ON "network_decisions" USING btree ("network_id","decided_on");--> statement-breakpoint
CREATE INDEX "network_decisions_action_idx" ON "network_decisions" USING btree ("action_id");--> statement-breakpoint
CREATE INDEX "network_documents_event_idx" ON "network_documents" USING btree ("event_id");--> statement-breakpoint
CREATE UNIQUE INDEX "network_documents_file_key" ON "network_documents" USING btree ("file_id");--> statement-breakpoint
CREATE INDEX "network_meetings_network_idx" ON "network_meetings" USING btree ("network_id");--> statement-breakpoint
CREATE INDEX "network_members_network_idx" ON "network_members" USING btree ("network_id","from_on");--> statement-breakpoint
CREATE INDEX "network_members_person_idx" ON "network_members" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "network_positions_space_key" ON "network_positions" USING btree ("space_id","key");--> statement-breakpoint
CREATE INDEX "networks_space_idx" ON "networks" USING btree ("space_id");--> statement-breakpoint
CREATE INDEX "prize_conflicts_juror_idx" ON "prize_conflicts" USING btree ("juror_id","nomination_id");--> statement-breakpoint
CREATE UNIQUE INDEX "prize_conflicts_open_key" ON "prize_conflicts" USING btree ("juror_id","nomination_id","kind") WHERE ended_at is null;--> statement-breakpoint
CREATE INDEX "prize_criteria_round_idx" ON "prize_criteria" USING btree ("round_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "prize_jurors_person_key" ON "prize_jurors" USING btree ("round_id","person_id");--> statement-breakpoint
CREATE INDEX "prize_nomination_organisations_org_idx" ON "prize_nomination_organisations" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "prize_nominations_round_idx" ON "prize_nominations" USING btree ("round_id");--> statement-breakpoint
CREATE UNIQUE INDEX "prize_rounds_year_key" ON "prize_rounds" USING btree ("prize_id","year");--> statement-breakpoint
CREATE INDEX "prize_screen_questions_round_idx" ON "prize_screen_questions" USING btree ("round_id","position");--> statement-breakpoint
CREATE INDEX "prizes_space_idx" ON "prizes" USING btree ("space_id");--> statement-breakpoint
ALTER TABLE "plan_action_links" ADD CONSTRAINT "plan_action_links_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "public"."networks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plan_action_links_network_idx" ON "plan_action_links" USING btree ("network_id");--> statement-breakpoint
ALTER TABLE "plan_action_links" ADD CONSTRAINT "plan_action_links_one_check" CHECK (num_nonnulls("plan_action_links"."event_id", "plan_action_links"."session_id", "plan_action_links"."network_id") = 1);