CREATE TABLE "files" (
	"id" uuid PRIMARY KEY NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "exhibitors" ADD COLUMN "website" text;--> statement-breakpoint
ALTER TABLE "exhibitors" ADD COLUMN "logo_file_id" uuid;--> statement-breakpoint
ALTER TABLE "program_sessions" ADD COLUMN "room_en" text;--> statement-breakpoint
ALTER TABLE "program_sessions" ADD COLUMN "track_en" text;--> statement-breakpoint
ALTER TABLE "exhibitors" ADD CONSTRAINT "exhibitors_logo_file_id_files_id_fk" FOREIGN KEY ("logo_file_id") REFERENCES "public"."files"("id") ON DELETE set null ON UPDATE no action;