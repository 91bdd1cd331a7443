CREATE TABLE "plan_followers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"action_id" uuid NOT NULL,
	"email" text NOT NULL,
	"locale" text DEFAULT 'sv' NOT NULL,
	"confirmed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_ideas" (
	"id" uuid PRIMARY KEY NOT NULL,
	"plan_id" uuid NOT NULL,
	"live_idea_id" uuid,
	"title" text NOT NULL,
	"body" text,
	"origin" text NOT NULL,
	"votes" integer DEFAULT 0 NOT NULL,
	"submitter_name" text,
	"submitter_email" text,
	"wants_updates" boolean DEFAULT false NOT NULL,
	"locale" text DEFAULT 'sv' NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"action_id" uuid,
	"decline_reason" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_ideas_status_check" CHECK ("plan_ideas"."status" in ('new','promoted','attached','declined'))
);
--> statement-breakpoint
ALTER TABLE "plan_followers" ADD CONSTRAINT "plan_followers_action_id_plan_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."plan_actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_ideas" ADD CONSTRAINT "plan_ideas_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_ideas" ADD CONSTRAINT "plan_ideas_live_idea_id_live_ideas_id_fk" FOREIGN KEY ("live_idea_id") REFERENCES "public"."live_ideas"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_ideas" ADD CONSTRAINT "plan_ideas_action_id_plan_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."plan_actions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "plan_followers_action_email_key" ON "plan_followers" USING btree ("action_id","email");--> statement-breakpoint
CREATE INDEX "plan_ideas_plan_idx" ON "plan_ideas" USING btree ("plan_id","status");--> statement-breakpoint
CREATE INDEX "plan_ideas_action_idx" ON "plan_ideas" USING btree ("action_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_ideas_live_key" ON "plan_ideas" USING btree ("plan_id","live_idea_id");