-- events.setup_version goes up whenever anything registering reads of an event changes:
-- the event row itself, its registration settings, its questions. The application keeps
-- an event's registration setup in memory and hands its version to the statement that
-- registers; that statement refuses ('setup_changed') when the version is no longer the
-- event's, so nothing is ever decided on a setup that has changed
-- (src/registration/setup-cache.ts).
ALTER TABLE "events" ADD COLUMN "setup_version" bigint DEFAULT 1 NOT NULL;
-- The triggers that raise it and the statements that check it: src/registration/sql/
-- (setup_version.sql, register_place.sql, register_by_email.sql).
