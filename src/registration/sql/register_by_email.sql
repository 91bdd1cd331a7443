-- A person registering by e-mail without logging in, in one statement: find or make the
-- profile (filling in what it lacks, organisation and language, as src/registration/
-- submit.ts does for "en uppgift en gång"), then decide the registration with
-- register_place. The mails in p_mails are written for p_name and p_locale; when the
-- profile already has another name or language the registration is left undone and the
-- outcome is 'person_differs', so that the application writes the mail for the profile.
CREATE OR REPLACE FUNCTION register_by_email(
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
#variable_conflict use_column
DECLARE
  v_person record;
  v_organisation uuid;
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

  IF v_person.name IS DISTINCT FROM p_name OR v_person.locale IS DISTINCT FROM p_locale THEN
    RETURN QUERY SELECT 'person_differs'::text, NULL::uuid, NULL::text, NULL::bigint, NULL::integer, NULL::timestamptz, v_person.id, NULL::uuid;
    RETURN;
  END IF;

  v_organisation := coalesce(p_organisation, v_person.organisation_id);
  RETURN QUERY SELECT d.outcome, d.registration_id, d.status, d.waitlist_seq, d.queue_position, d.created_at, v_person.id, v_organisation
    FROM register_place(p_id, p_event, v_person.id, v_organisation, p_attendance, p_answers, p_sensitive, NULL, p_now, p_approval, p_email, p_mails, p_marker) d;
END;
$$;

-- register_by_email likewise: with a stale version nothing is done, not even the profile.
CREATE OR REPLACE FUNCTION register_by_email_if_current(
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
