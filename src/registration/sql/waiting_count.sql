-- How many wait for each place pool, kept beside the pool so that registering costs the
-- same with 5 or 5,000 in the queue: register_place reads it under the pool's row lock
-- instead of counting the queue. A trigger keeps it, so no code path can forget to.
-- Every path that moves a registration onto or off the waiting list already holds the
-- pool's lock (service.ts lockPools, register_place), so the trigger adds no new lock order.
CREATE OR REPLACE FUNCTION count_waiting() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.status = 'waitlisted'
     AND (TG_OP = 'DELETE' OR NEW.status IS DISTINCT FROM 'waitlisted' OR NEW.event_id <> OLD.event_id OR NEW.attendance <> OLD.attendance) THEN
    UPDATE place_pools SET waiting = waiting - 1 WHERE event_id = OLD.event_id AND attendance = OLD.attendance;
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.status = 'waitlisted'
     AND (TG_OP = 'INSERT' OR OLD.status IS DISTINCT FROM 'waitlisted' OR NEW.event_id <> OLD.event_id OR NEW.attendance <> OLD.attendance) THEN
    UPDATE place_pools SET waiting = waiting + 1 WHERE event_id = NEW.event_id AND attendance = NEW.attendance;
  END IF;
  RETURN NULL;
END;
$$;

DROP TRIGGER IF EXISTS registrations_count_waiting ON registrations;
CREATE TRIGGER registrations_count_waiting
  AFTER INSERT OR DELETE OR UPDATE OF status, attendance, event_id ON registrations
  FOR EACH ROW EXECUTE FUNCTION count_waiting();
