-- Registering a new person for an event in one statement, so that the place pool's row
-- lock is held inside the database only, never across a round trip to the application.
-- The rules are those of src/registration/register.ts (see the comments there):
-- one registration per person and event; a place only when one is free and nobody is
-- waiting; otherwise a place in the queue; the e-mail written to the outbox in the same
-- transaction. PL/pgSQL takes a new snapshot for each statement (READ COMMITTED), so the
-- queue is counted after the lock is held and sees every earlier decision.
--
-- p_mails holds the message for each possible outcome, keyed by status
-- ({"confirmed": {"subject", "text", "ics", "icsMethod"}, "waitlisted": {...}}); in the
-- waiting-list message p_marker stands where the person's position goes.
--
-- Outcome: 'created'; 'exists' (an active registration is there already: nothing was
-- changed, though the pool's lock was taken to find out); 'returning' (a cancelled or declined registration is there: the application
-- takes its careful path); 'no_pool' (no places of that kind).
--
-- The pool's row says how many wait (kept by waiting_count.sql), so registering costs the
-- same with 5 or 5,000 in the queue.
-- Each answers one row (OUT parameters, no set to materialise); a return type cannot be
-- replaced in place, so the functions are made anew (in this script's one transaction).
DROP FUNCTION IF EXISTS register_place_if_current(bigint, uuid, uuid, uuid, uuid, text, jsonb, jsonb, uuid, timestamptz, boolean, text, jsonb, text);
DROP FUNCTION IF EXISTS register_place(uuid, uuid, uuid, uuid, text, jsonb, jsonb, uuid, timestamptz, boolean, text, jsonb, text);

CREATE FUNCTION register_place(
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
  p_marker text,
  OUT outcome text,
  OUT registration_id uuid,
  OUT status text,
  OUT waitlist_seq bigint,
  OUT queue_position integer,
  OUT created_at timestamptz
) LANGUAGE plpgsql VOLATILE AS $$
#variable_conflict use_column
DECLARE
  v_taken integer;
  v_capacity integer;
  v_waiting integer;
  v_status text := 'pending_approval';
  v_mail jsonb;
BEGIN
  IF p_approval THEN
    PERFORM 1 FROM place_pools pp WHERE pp.event_id = p_event AND pp.attendance = p_attendance AND pp.capacity > 0;
    IF NOT FOUND THEN
      outcome := 'no_pool';
      RETURN;
    END IF;
  ELSE
    -- Everyone registering for this pool queues here, in arrival order; the pool's row
    -- says how many wait (kept by the trigger registrations_count_waiting). The decision
    -- is made under the lock, before the row is written, so the row is written once.
    SELECT pp.taken, pp.capacity, pp.waiting INTO v_taken, v_capacity, v_waiting FROM place_pools pp
      WHERE pp.event_id = p_event AND pp.attendance = p_attendance FOR UPDATE;
    IF NOT FOUND OR v_capacity = 0 THEN
      outcome := 'no_pool';
      RETURN;
    END IF;
    IF v_taken < v_capacity AND v_waiting = 0 THEN
      v_status := 'confirmed';
    ELSE
      v_status := 'waitlisted';
      queue_position := v_waiting + 1;
    END IF;
  END IF;

  -- One registration per person and event: an existing one is left as it is.
  INSERT INTO registrations AS r (id, event_id, person_id, organisation_id, attendance, status, answers, sensitive_answers, delegation_id, updated_at, confirmed_at, ics_sequence, waitlist_seq)
  VALUES (
    p_id, p_event, p_person, p_organisation, p_attendance, v_status, p_answers, p_sensitive, p_delegation, p_now,
    CASE WHEN v_status = 'confirmed' THEN p_now END,
    CASE WHEN v_status = 'confirmed' THEN 1 ELSE 0 END,
    CASE WHEN v_status = 'waitlisted' THEN nextval('registration_waitlist_seq') END
  )
  ON CONFLICT (event_id, person_id) DO NOTHING
  RETURNING r.created_at, r.waitlist_seq INTO created_at, waitlist_seq;
  IF NOT FOUND THEN
    SELECT r.id, r.status INTO registration_id, status FROM registrations r WHERE r.event_id = p_event AND r.person_id = p_person;
    outcome := CASE WHEN status IN ('cancelled', 'declined') THEN 'returning' ELSE 'exists' END;
    queue_position := NULL;
    created_at := NULL;
    RETURN;
  END IF;
  IF v_status = 'confirmed' THEN
    UPDATE place_pools SET taken = taken + 1 WHERE event_id = p_event AND attendance = p_attendance;
  END IF;

  v_mail := p_mails -> v_status;
  IF p_mail_to IS NOT NULL AND v_mail IS NOT NULL THEN
    INSERT INTO outbox (to_address, subject, text_body, ics, ics_method, registration_id, with_ticket, locale, next_attempt_at)
    VALUES (
      p_mail_to,
      replace(v_mail ->> 'subject', p_marker, coalesce(queue_position::text, '')),
      replace(v_mail ->> 'text', p_marker, coalesce(queue_position::text, '')),
      v_mail ->> 'ics',
      v_mail ->> 'icsMethod',
      p_id,
      coalesce((v_mail ->> 'withTicket')::boolean, false),
      v_mail ->> 'locale',
      p_now
    );
  END IF;

  outcome := 'created';
  registration_id := p_id;
  status := v_status;
END;
$$;

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
  p_marker text,
  OUT outcome text,
  OUT registration_id uuid,
  OUT status text,
  OUT waitlist_seq bigint,
  OUT queue_position integer,
  OUT created_at timestamptz
) LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF p_setup_version IS NOT NULL AND NOT EXISTS (SELECT 1 FROM events e WHERE e.id = p_event AND e.setup_version = p_setup_version) THEN
    outcome := 'setup_changed';
    RETURN;
  END IF;
  SELECT * INTO outcome, registration_id, status, waitlist_seq, queue_position, created_at
    FROM register_place(p_id, p_event, p_person, p_organisation, p_attendance, p_answers, p_sensitive, p_delegation, p_now, p_approval, p_mail_to, p_mails, p_marker);
END;
$$;
