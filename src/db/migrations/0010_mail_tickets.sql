ALTER TABLE "outbox" ADD COLUMN "with_ticket" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "locale" varchar(2);