-- events.setup_version goes up whenever anything registering reads of an event changes:
-- the event row itself, its registration settings, its questions. The application keeps
-- an event's registration setup in memory and hands its version to the statement that
-- registers; that statement refuses ('setup_changed') when the version is no longer the
-- event's, so nothing is ever decided on a setup that has changed
-- (src/registration/setup-cache.ts).
ALTER TABLE "events" ADD COLUMN "setup_version" bigint DEFAULT 1 NOT NULL;
--> statement-breakpoint
CREATE FUNCTION events_next_setup_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.setup_version := OLD.setup_version + 1;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER events_setup_version BEFORE UPDATE ON events
FOR EACH ROW EXECUTE FUNCTION events_next_setup_version();
--> statement-breakpoint
CREATE FUNCTION registration_setup_changed() RETURNS trigger
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
--> statement-breakpoint
CREATE TRIGGER registration_settings_setup_version AFTER INSERT OR UPDATE OR DELETE ON registration_settings
FOR EACH ROW EXECUTE FUNCTION registration_setup_changed();
--> statement-breakpoint
CREATE TRIGGER registration_questions_setup_version AFTER INSERT OR UPDATE OR DELETE ON registration_questions
FOR EACH ROW EXECUTE FUNCTION registration_setup_changed();
--> statement-breakpoint
-- register_place, when the event's setup is still the one the caller decided on (or the
-- caller passes no version: it read the setup afresh).
CREATE FUNCTION register_place_if_current(
  p_setup_version bigint,
  p_id uuid,
  p_event uuid,
  p_person uuid,
  p_organisation uuid,
  p_attendance text,
  p_answers jsonb,
  p_sensitive jsonb,
  p_delegation uuid,
  p_now timestamptz,
  p_approval boolean,
  p_mail_to text,
  p_mails jsonb,
  p_marker text
) RETURNS TABLE (outcome text, registration_id uuid, status text, waitlist_seq bigint, queue_position integer, created_at timestamptz)
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF p_setup_version IS NOT NULL AND NOT EXISTS (SELECT 1 FROM events e WHERE e.id = p_event AND e.setup_version = p_setup_version) THEN
    RETURN QUERY SELECT 'setup_changed'::text, NULL::uuid, NULL::text, NULL::bigint, NULL::integer, NULL::timestamptz;
    RETURN;
  END IF;
  RETURN QUERY SELECT * FROM register_place(p_id, p_event, p_person, p_organisation, p_attendance, p_answers, p_sensitive, p_delegation, p_now, p_approval, p_mail_to, p_mails, p_marker);
END;
$$;
--> statement-breakpoint
-- register_by_email likewise: with a stale version nothing is done, not even the profile.
CREATE FUNCTION register_by_email_if_current(
  p_setup_version bigint,
  p_id uuid,
  p_event uuid,
  p_new_person uuid,
  p_email text,
  p_name text,
  p_locale text,
  p_organisation uuid,
  p_attendance text,
  p_answers jsonb,
  p_sensitive jsonb,
  p_now timestamptz,
  p_approval boolean,
  p_mails jsonb,
  p_marker text
) RETURNS TABLE (outcome text, registration_id uuid, status text, waitlist_seq bigint, queue_position integer, created_at timestamptz, person_id uuid, organisation_id uuid)
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF p_setup_version IS NOT NULL AND NOT EXISTS (SELECT 1 FROM events e WHERE e.id = p_event AND e.setup_version = p_setup_version) THEN
    RETURN QUERY SELECT 'setup_changed'::text, NULL::uuid, NULL::text, NULL::bigint, NULL::integer, NULL::timestamptz, NULL::uuid, NULL::uuid;
    RETURN;
  END IF;
  RETURN QUERY SELECT * FROM register_by_email(p_id, p_event, p_new_person, p_email, p_name, p_locale, p_organisation, p_attendance, p_answers, p_sensitive, p_now, p_approval, p_mails, p_marker);
END;
$$;
