CREATE TABLE "remote_links" (
	"id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"session_id" uuid,
	"url" text,
	"dial_in" text,
	"meeting_id" text,
	"speaker_url" text,
	"speaker_note" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "remote_reminders" (
	"registration_id" uuid NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "remote_reminders_registration_id_pk" PRIMARY KEY("registration_id")
);
--> statement-breakpoint
CREATE TABLE "remote_settings" (
	"event_id" uuid PRIMARY KEY NOT NULL,
	"show_onsite" boolean DEFAULT false NOT NULL,
	"reminder_minutes" integer DEFAULT 30,
	"published_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "remote_settings_reminder_check" CHECK ("remote_settings"."reminder_minutes" is null or "remote_settings"."reminder_minutes" between 5 and 1440)
);
--> statement-breakpoint
ALTER TABLE "remote_links" ADD CONSTRAINT "remote_links_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remote_links" ADD CONSTRAINT "remote_links_session_id_program_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."program_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remote_reminders" ADD CONSTRAINT "remote_reminders_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remote_settings" ADD CONSTRAINT "remote_settings_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "remote_links_event_session_idx" ON "remote_links" USING btree ("event_id",coalesce("session_id", '00000000-0000-0000-0000-000000000000'::uuid));