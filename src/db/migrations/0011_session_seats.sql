CREATE TABLE "session_choices" (
	"session_id" uuid NOT NULL,
	"registration_id" uuid NOT NULL,
	"status" text NOT NULL,
	"seq" bigserial NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "session_choices_session_id_registration_id_pk" PRIMARY KEY("session_id","registration_id"),
	CONSTRAINT "session_choices_status_check" CHECK ("session_choices"."status" in ('seated','waiting'))
);
--> statement-breakpoint
ALTER TABLE "program_sessions" ADD COLUMN "seats" integer;--> statement-breakpoint
ALTER TABLE "checkin_lists" ADD COLUMN "session_id" uuid;--> statement-breakpoint
ALTER TABLE "session_choices" ADD CONSTRAINT "session_choices_session_id_program_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."program_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_choices" ADD CONSTRAINT "session_choices_registration_id_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "session_choices_session_idx" ON "session_choices" USING btree ("session_id","status","seq");--> statement-breakpoint
CREATE INDEX "session_choices_registration_idx" ON "session_choices" USING btree ("registration_id");--> statement-breakpoint
ALTER TABLE "checkin_lists" ADD CONSTRAINT "checkin_lists_session_id_program_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."program_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_sessions" ADD CONSTRAINT "program_sessions_seats_check" CHECK ("program_sessions"."seats" is null or "program_sessions"."seats" >= 1);