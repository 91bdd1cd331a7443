-- How many wait for each place pool, kept beside the pool so that registering costs the
-- same with 5 or 5,000 in the queue: register_place reads it under the pool's row lock
-- instead of counting the queue. A trigger keeps it, so no code path can forget to.
-- Every path that moves a registration onto or off the waiting list already holds the
-- pool's lock (service.ts lockPools, register_place), so the trigger adds no new lock order.
ALTER TABLE "place_pools" ADD COLUMN "waiting" integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
UPDATE place_pools pp SET waiting = (
  SELECT count(*) FROM registrations r
  WHERE r.event_id = pp.event_id AND r.attendance = pp.attendance AND r.status = 'waitlisted'
);
-- The trigger that keeps it, and register_place that reads it: src/registration/sql/
-- (waiting_count.sql, register_place.sql).
