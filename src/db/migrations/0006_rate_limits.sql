-- Rate-limit windows shared by every app instance (src/http/rate-limit-store.ts).
-- UNLOGGED: counting a request writes no WAL and waits for no disk flush; after a crash
-- the table is empty again, which for rate limits is harmless.
CREATE UNLOGGED TABLE "rate_limit_windows" (
	"key" text PRIMARY KEY NOT NULL,
	"count" integer NOT NULL,
	"reset_at" timestamp with time zone NOT NULL
);
