CREATE TABLE "live_idea_comments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"idea_id" uuid NOT NULL,
	"author_key" text NOT NULL,
	"display_name" text,
	"text" text NOT NULL,
	"status" text DEFAULT 'published' NOT NULL,
	"seq" bigserial NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "live_idea_votes" (
	"idea_id" uuid NOT NULL,
	"voter_key" text NOT NULL,
	CONSTRAINT "live_idea_votes_idea_id_voter_key_pk" PRIMARY KEY("idea_id","voter_key")
);
--> statement-breakpoint
CREATE TABLE "live_ideas" (
	"id" uuid PRIMARY KEY NOT NULL,
	"room_id" uuid NOT NULL,
	"author_key" text NOT NULL,
	"display_name" text,
	"title" text NOT NULL,
	"body" text,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'published' NOT NULL,
	"grouped_under" uuid,
	"top" boolean DEFAULT false NOT NULL,
	"votes" integer DEFAULT 0 NOT NULL,
	"seq" bigserial NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "live_ideas_status_check" CHECK ("live_ideas"."status" in ('published','hidden')),
	CONSTRAINT "live_ideas_votes_check" CHECK ("live_ideas"."votes" >= 0),
	CONSTRAINT "live_ideas_group_check" CHECK ("live_ideas"."grouped_under" is null or "live_ideas"."grouped_under" <> "live_ideas"."id")
);
--> statement-breakpoint
ALTER TABLE "live_rooms" ADD COLUMN "ideas_open" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "live_idea_comments" ADD CONSTRAINT "live_idea_comments_idea_id_live_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."live_ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_idea_votes" ADD CONSTRAINT "live_idea_votes_idea_id_live_ideas_id_fk" FOREIGN KEY ("idea_id") REFERENCES "public"."live_ideas"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "live_ideas" ADD CONSTRAINT "live_ideas_room_id_live_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."live_rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "live_idea_comments_idea_idx" ON "live_idea_comments" USING btree ("idea_id","seq");--> statement-breakpoint
CREATE INDEX "live_ideas_room_idx" ON "live_ideas" USING btree ("room_id","status");