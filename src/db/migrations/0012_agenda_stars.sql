CREATE TABLE "agenda_stars" (
	"person_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agenda_stars_person_id_session_id_pk" PRIMARY KEY("person_id","session_id")
);
--> statement-breakpoint
ALTER TABLE "agenda_stars" ADD CONSTRAINT "agenda_stars_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agenda_stars" ADD CONSTRAINT "agenda_stars_session_id_program_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."program_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agenda_stars_session_idx" ON "agenda_stars" USING btree ("session_id");