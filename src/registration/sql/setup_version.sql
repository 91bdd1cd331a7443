-- events.setup_version goes up whenever anything registering reads of an event changes:
-- the event row itself, its registration settings, its questions. The application keeps
-- an event's registration setup in memory and hands its version to the statement that
-- registers; that statement refuses ('setup_changed') when the version is no longer the
-- event's, so nothing is ever decided on a setup that has changed
-- (src/registration/setup-cache.ts).
CREATE OR REPLACE FUNCTION events_next_setup_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.setup_version := OLD.setup_version + 1;
  RETURN NEW;
END;
$$;

CREATE OR REPLACE FUNCTION registration_setup_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    UPDATE events SET setup_version = setup_version + 1 WHERE id = OLD.event_id;
  END IF;
  IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.event_id IS DISTINCT FROM OLD.event_id) THEN
    UPDATE events SET setup_version = setup_version + 1 WHERE id = NEW.event_id;
  END IF;
  RETURN NULL;
END;
$$;

DROP TRIGGER IF EXISTS events_setup_version ON events;
CREATE TRIGGER events_setup_version BEFORE UPDATE ON events
FOR EACH ROW EXECUTE FUNCTION events_next_setup_version();

DROP TRIGGER IF EXISTS registration_settings_setup_version ON registration_settings;
CREATE TRIGGER registration_settings_setup_version AFTER INSERT OR UPDATE OR DELETE ON registration_settings
FOR EACH ROW EXECUTE FUNCTION registration_setup_changed();

DROP TRIGGER IF EXISTS registration_questions_setup_version ON registration_questions;
CREATE TRIGGER registration_questions_setup_version AFTER INSERT OR UPDATE OR DELETE ON registration_questions
FOR EACH ROW EXECUTE FUNCTION registration_setup_changed();
