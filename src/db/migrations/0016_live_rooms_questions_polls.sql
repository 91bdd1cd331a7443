CREATE TABLE "live_poll_answers" (
	"poll_id" uuid NOT NULL,
	"voter_key" text NOT NULL,
	"answer" jsonb NOT NULL,
	"answered_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "live_poll_answers_poll_id_voter_key_pk" PRIMARY KEY("poll_id","voter_key")
);
--> statement-breakpoint
CREATE TABLE "live_polls" (
	"id" uuid PRIMARY KEY NOT NULL,
	"room_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"question" text NOT NULL,
	"options" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"scale_max" integer,
	"status" text DEFAULT 'draft' NOT NULL,
	"revealed" boolean DEFAULT false NOT NULL,
	"allow_change" boolean DEFAULT true NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "live_polls_kind_check" CHECK ("live_polls"."kind" in ('single','multiple','rating','words','ranking')),
	CONSTRAINT "live_polls_status_check" CHECK ("live_polls"."status" in ('draft','open','closed')),
	CONSTRAINT "live_polls_scale_check" CHECK ("live_polls"."scale_max" is null or "live_polls"."scale_max" between 2 and 10)
);
--> statement-breakpoint
CREATE TABLE "live_question_votes" (
	"question_id" uuid NOT NULL,
	"voter_key" text NOT NULL,
	CONSTRAINT "live_question_votes_question_id_voter_key_pk" PRIMARY KEY("question_id","voter_key")
);
--> statement-breakpoint
CREATE TABLE "live_questions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"room_id" uuid NOT NULL,
	"author_key" text NOT NULL,
	"display_name" text,
	"text" text NOT NULL,
	"status" text NOT NULL,
	"votes" integer DEFAULT 0 NOT NULL,
	"seq" bigserial NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	CONSTRAINT "live_questions_status_check" CHECK ("live_questions"."status" in ('pending','published','answered','dismissed','archived')),
	CONSTRAINT "live_questions_votes_check" CHECK ("live_questions"."votes" >= 0)
);
--> statement-breakpoint
CREATE TABLE "live_rooms" (
	"id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"session_id" uuid,
	"code" text NOT NULL,
	"moderation" text DEFAULT 'post' NOT NULL,
	"require_registration" boolean DEFAULT false NOT NULL,
	"questions_open" boolean DEFAULT true NOT NULL,
	"screen_paused" boolean DEFAULT false NOT NULL,
	"hide_count" boolean DEFAULT false NOT NULL,
	"highlighted_question_id" uuid,
	"screen_poll_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "live_rooms_code_unique" UNIQUE("code"),
	CONSTRAINT "live_rooms_moderation_check" CHECK ("live_rooms"."moderation" in ('post','pre'))
);
--> statement-breakpoint
ALTER TABLE "live_poll_answers" ADD CONSTRAINT "live_poll_answers_poll_id_live_polls_id_fk" FOREIGN KEY ("poll_id") REFERENCES "public"."live_polls"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_polls" ADD CONSTRAINT "live_polls_room_id_live_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."live_rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_question_votes" ADD CONSTRAINT "live_question_votes_question_id_live_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."live_questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_questions" ADD CONSTRAINT "live_questions_room_id_live_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."live_rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_rooms" ADD CONSTRAINT "live_rooms_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_rooms" ADD CONSTRAINT "live_rooms_session_id_program_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."program_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "live_polls_room_idx" ON "live_polls" USING btree ("room_id","position");--> statement-breakpoint
CREATE INDEX "live_questions_room_idx" ON "live_questions" USING btree ("room_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "live_rooms_event_session_idx" ON "live_rooms" USING btree ("event_id",coalesce("session_id", '00000000-0000-0000-0000-000000000000'::uuid));