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
--> statement-breakpoint
CREATE FUNCTION count_waiting() RETURNS trigger LANGUAGE plpgsql AS $$
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
--> statement-breakpoint
CREATE TRIGGER registrations_count_waiting
  AFTER INSERT OR DELETE OR UPDATE OF status, attendance, event_id ON registrations
  FOR EACH ROW EXECUTE FUNCTION count_waiting();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION register_place(
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
#variable_conflict use_column
DECLARE
  v_created timestamptz;
  v_existing record;
  v_taken integer;
  v_capacity integer;
  v_waiting integer;
  v_status text := 'pending_approval';
  v_seq bigint;
  v_position integer;
  v_mail jsonb;
BEGIN
  PERFORM 1 FROM place_pools pp WHERE pp.event_id = p_event AND pp.attendance = p_attendance AND pp.capacity > 0;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 'no_pool'::text, NULL::uuid, NULL::text, NULL::bigint, NULL::integer, NULL::timestamptz;
    RETURN;
  END IF;

  INSERT INTO registrations AS r (id, event_id, person_id, organisation_id, attendance, status, answers, sensitive_answers, delegation_id, updated_at)
  VALUES (p_id, p_event, p_person, p_organisation, p_attendance, 'pending_approval', p_answers, p_sensitive, p_delegation, p_now)
  ON CONFLICT (event_id, person_id) DO NOTHING
  RETURNING r.created_at INTO v_created;
  IF NOT FOUND THEN
    SELECT r.id, r.status INTO v_existing FROM registrations r WHERE r.event_id = p_event AND r.person_id = p_person;
    RETURN QUERY SELECT CASE WHEN v_existing.status IN ('cancelled', 'declined') THEN 'returning' ELSE 'exists' END, v_existing.id, v_existing.status, NULL::bigint, NULL::integer, NULL::timestamptz;
    RETURN;
  END IF;

  IF NOT p_approval THEN
    -- Everyone registering for this pool queues here, in arrival order; the pool's row
    -- says how many wait (kept by the trigger registrations_count_waiting).
    SELECT pp.taken, pp.capacity, pp.waiting INTO v_taken, v_capacity, v_waiting FROM place_pools pp
      WHERE pp.event_id = p_event AND pp.attendance = p_attendance FOR UPDATE;
    IF v_taken < v_capacity AND v_waiting = 0 THEN
      v_status := 'confirmed';
      UPDATE place_pools SET taken = taken + 1 WHERE event_id = p_event AND attendance = p_attendance;
    ELSE
      v_status := 'waitlisted';
      v_seq := nextval('registration_waitlist_seq');
      v_position := v_waiting + 1;
    END IF;
  END IF;

  UPDATE registrations SET
    status = v_status,
    confirmed_at = CASE WHEN v_status = 'confirmed' THEN p_now END,
    ics_sequence = CASE WHEN v_status = 'confirmed' THEN 1 ELSE 0 END,
    waitlist_seq = v_seq
  WHERE id = p_id;

  v_mail := p_mails -> v_status;
  IF p_mail_to IS NOT NULL AND v_mail IS NOT NULL THEN
    INSERT INTO outbox (to_address, subject, text_body, ics, ics_method, registration_id, next_attempt_at)
    VALUES (
      p_mail_to,
      replace(v_mail ->> 'subject', p_marker, coalesce(v_position::text, '')),
      replace(v_mail ->> 'text', p_marker, coalesce(v_position::text, '')),
      v_mail ->> 'ics',
      v_mail ->> 'icsMethod',
      p_id,
      p_now
    );
  END IF;

  RETURN QUERY SELECT 'created'::text, p_id, v_status, v_seq, v_position, v_created;
END;
$$;
