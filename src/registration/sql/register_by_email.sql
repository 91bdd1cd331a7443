-- A person registering by e-mail without logging in, in one statement: find or make the
-- profile (filling in what it lacks, organisation and language, as src/registration/
-- submit.ts does for "en uppgift en gång"), then decide the registration with
-- register_place. The mails in p_mails are written for p_name and p_locale; when the
-- profile already has another name or language the registration is left undone and the
-- outcome is 'person_differs', so that the application writes the mail for the profile.
-- Each answers one row (OUT parameters); a return type cannot be replaced in place, so
-- the functions are made anew (in this script's one transaction).
DROP FUNCTION IF EXISTS register_by_email_if_current(bigint, uuid, uuid, uuid, text, text, text, uuid, text, jsonb, jsonb, timestamptz, boolean, jsonb, text);
DROP FUNCTION IF EXISTS register_by_email(uuid, uuid, uuid, text, text, text, uuid, text, jsonb, jsonb, timestamptz, boolean, jsonb, text);

CREATE FUNCTION register_by_email(
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
  p_marker text,
  OUT outcome text,
  OUT registration_id uuid,
  OUT status text,
  OUT waitlist_seq bigint,
  OUT queue_position integer,
  OUT created_at timestamptz,
  OUT person_id uuid,
  OUT organisation_id uuid
) LANGUAGE plpgsql VOLATILE AS $$
#variable_conflict use_column
DECLARE
  v_person record;
BEGIN
  INSERT INTO people AS p (id, name, email, organisation_id, locale, updated_at)
  VALUES (p_new_person, p_name, p_email, p_organisation, p_locale, p_now)
  ON CONFLICT (email) DO UPDATE SET
    organisation_id = coalesce(p.organisation_id, excluded.organisation_id),
    locale = coalesce(p.locale, excluded.locale),
    updated_at = CASE
      WHEN (p.organisation_id IS NULL AND excluded.organisation_id IS NOT NULL) OR (p.locale IS NULL AND excluded.locale IS NOT NULL) THEN excluded.updated_at
      ELSE p.updated_at
    END
  RETURNING p.id, p.name, p.locale, p.organisation_id INTO v_person;

  person_id := v_person.id;
  IF v_person.name IS DISTINCT FROM p_name OR v_person.locale IS DISTINCT FROM p_locale THEN
    outcome := 'person_differs';
    RETURN;
  END IF;

  organisation_id := coalesce(p_organisation, v_person.organisation_id);
  SELECT * INTO outcome, registration_id, status, waitlist_seq, queue_position, created_at
    FROM register_place(p_id, p_event, v_person.id, coalesce(p_organisation, v_person.organisation_id), p_attendance, p_answers, p_sensitive, NULL, p_now, p_approval, p_email, p_mails, p_marker);
END;
$$;

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
  p_marker text,
  OUT outcome text,
  OUT registration_id uuid,
  OUT status text,
  OUT waitlist_seq bigint,
  OUT queue_position integer,
  OUT created_at timestamptz,
  OUT person_id uuid,
  OUT organisation_id uuid
) LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF p_setup_version IS NOT NULL AND NOT EXISTS (SELECT 1 FROM events e WHERE e.id = p_event AND e.setup_version = p_setup_version) THEN
    outcome := 'setup_changed';
    RETURN;
  END IF;
  SELECT * INTO outcome, registration_id, status, waitlist_seq, queue_position, created_at, person_id, organisation_id
    FROM register_by_email(p_id, p_event, p_new_person, p_email, p_name, p_locale, p_organisation, p_attendance, p_answers, p_sensitive, p_now, p_approval, p_mails, p_marker);
END;
$$;
