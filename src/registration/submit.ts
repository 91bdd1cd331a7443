/**
 * Registering from the form or the API: who the person is (profile when logged in,
 * otherwise name and e-mail asked once), which organisation, whether registration is
 * open, valid answers; then the capacity rules in service.ts.
 */
import { sql } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { organisations } from "../db/schema.js";
import type { EventRow } from "../events/repository.js";
import type { Actor, Deps } from "../http/env.js";
import type { PendingLimits } from "../http/rate-limit-store.js";
import { AppError, fieldError, validationFailed, type FieldError } from "../http/errors.js";
import { issueToFieldError } from "../http/validation.js";
import type { Locale } from "../i18n/messages.js";
import { findOrganisationById } from "../organisations/repository.js";
import { findOrCreatePersonByEmail, findPersonById, updatePerson } from "../people/repository.js";
import { regContextOf } from "./context.js";
import { validateAnswers } from "./questions.js";
import { findSettings, listQuestions, type Question, type RegistrationRow, type Settings } from "./repository.js";
import type { Person } from "../people/repository.js";
import { RegistrationInput } from "./schemas.js";
import { manageUrl } from "./service.js";
import { register, registerNewcomer, type RegisterResult } from "./register.js";
import { assertSetupCurrent } from "./setup-cache.js";
import { findInvitationByToken, markInvitationUsed } from "./invitations.js";

const closed = (messageKey: "reg.error.closed" | "reg.error.not_yet" | "reg.error.window_closed" | "reg.error.invitation" | "reg.error.event_cancelled") =>
  new AppError("conflict", 409, { messageKey: messageKey as never });

/** Why a person cannot register now, or null when they can. */
/** `known`: the settings the caller has read already (undefined: the event has none), so they are not read again. */
export async function registrationBlocker(deps: Deps, event: EventRow, known?: { settings: Settings | undefined }) {
  if (event.status === "cancelled") return "reg.error.event_cancelled" as const;
  if (event.status !== "published") return "reg.error.closed" as const;
  const settings = known ? known.settings : await findSettings(deps.db, event.id);
  if (!settings) return "reg.error.closed" as const;
  const now = deps.now();
  if (settings.opensAt && now < settings.opensAt) return "reg.error.not_yet" as const;
  if ((settings.closesAt && now >= settings.closesAt) || now >= event.endsAt) return "reg.error.window_closed" as const;
  return null;
}

async function resolveOrganisation(deps: Deps, input: RegistrationInput): Promise<string | null> {
  if (input.organisationId) {
    if (!(await findOrganisationById(deps.db, input.organisationId))) throw fieldError("organisationId", "validation.unknown_organisation");
    return input.organisationId;
  }
  if (!input.organisationName) return null;
  const [existing] = await deps.db.select({ id: organisations.id }).from(organisations).where(sql`lower(${organisations.name}) = lower(${input.organisationName})`).limit(1);
  if (existing) return existing.id;
  const id = randomUUID();
  await deps.db.insert(organisations).values({ id, name: input.organisationName, kind: "other" });
  return id;
}

/** The registration form's fields from the top; the answers follow, in the questions' order. */
const pageOrder = ["name", "email", "organisationId", "organisationName", "attendance"];

/**
 * Parses the input and checks the answers in one go, so a person sees every problem at
 * once (a missing name, a wrong e-mail and a missing answer), not one after the other,
 * and in the order of the form. `anonymous`: nobody is logged in, so name and e-mail are
 * needed (the e-mail may come from an invitation instead).
 */
export async function parseRegistrationInput(deps: Deps, event: EventRow, raw: unknown, locale: Locale, knownQuestions?: Question[], from: "form" | "api" = "api", anonymous = false): Promise<{ input: RegistrationInput; questions: Question[] }> {
  const questions = knownQuestions ?? (await listQuestions(deps.db, event.id));
  const parsed = RegistrationInput.safeParse(raw);
  const errors: FieldError[] = parsed.success ? [] : parsed.error.issues.map((i) => issueToFieldError(i, raw, from));
  if (anonymous) {
    const given = (raw ?? {}) as Record<string, unknown>;
    const has = (field: string) => typeof given[field] === "string" && (given[field] as string).trim() !== "";
    const missing = (field: string) => !has(field) && !errors.some((e) => e.field === field);
    if (missing("name")) errors.push({ field: "name", key: "validation.required" });
    if (missing("email") && !has("invitationToken")) errors.push({ field: "email", key: "validation.required" });
  }
  const rawAnswers = parsed.success ? parsed.data.answers : ((raw as { answers?: unknown })?.answers ?? {});
  if (rawAnswers && typeof rawAnswers === "object" && !Array.isArray(rawAnswers)) {
    try {
      validateAnswers(questions, rawAnswers as Record<string, unknown>, locale);
    } catch (err) {
      if (err instanceof AppError) errors.push(...err.fields);
      else throw err;
    }
  }
  if (errors.length || !parsed.success) {
    const rank = (f: FieldError) => {
      const i = pageOrder.indexOf(f.field);
      return i >= 0 ? i : pageOrder.length; // answers (and anything else) after, as they came
    };
    throw validationFailed(errors.map((e, i) => ({ e, i })).sort((a, b) => rank(a.e) - rank(b.e) || a.i - b.i).map((x) => x.e));
  }
  return { input: parsed.data, questions };
}

export interface SubmitResult {
  registration: RegistrationRow;
  created: boolean;
  position: number | null;
  /** Only for the person themselves: on creation, or when logged in. */
  manageUrl: string | null;
}

/**
 * `known`: what the caller has read already (findRegistrationSetup), so it is not read
 * again, and its version when it was kept in memory (setup-cache.ts), for the database to check.
 */
export async function submitRegistration(
  deps: Deps,
  event: EventRow,
  input: RegistrationInput,
  actor: Actor | null,
  locale: Locale,
  known?: { questions: Question[]; settings: Settings | undefined; version?: number | null },
  limits?: PendingLimits,
): Promise<SubmitResult> {
  const settings = known ? known.settings : await findSettings(deps.db, event.id);
  const blocker = await registrationBlocker(deps, event, { settings });
  if (blocker) throw closed(blocker);
  // Counted before anything is written.
  await limits?.enforce();
  const invitation = input.invitationToken ? await findInvitationByToken(deps, event.id, input.invitationToken) : null;
  if (settings!.mode === "invitation" && !invitation) throw closed("reg.error.invitation");

  // A setup kept in memory is checked by the registering statement; where something is
  // written before it (a new organisation, a profile), it is checked first.
  const writesFirst = Boolean(actor || input.organisationName || settings!.maxPerOrganisation);
  if (known?.version != null && writesFirst) await assertSetupCurrent(deps.db, event.id, known.version);
  const organisationId = await resolveOrganisation(deps, input);
  const questions = known?.questions ?? (await listQuestions(deps.db, event.id));
  const { answers, sensitiveAnswers } = validateAnswers(questions, input.answers, locale);
  const ctx = regContextOf(deps);
  const done = async (result: RegisterResult, mayShowLink: boolean): Promise<SubmitResult> => {
    if (invitation && !invitation.registrationId) await markInvitationUsed(deps, invitation.id, result.registration.id);
    return { ...result, manageUrl: mayShowLink ? manageUrl(ctx, result.registration) : null };
  };

  let person: Person;
  if (actor) {
    person = (await findPersonById(deps.db, actor.personId))!;
  } else {
    const email = input.email ?? invitation?.email;
    const missing = [...(email ? [] : [{ field: "email", key: "validation.required" as const }]), ...(input.name ? [] : [{ field: "name", key: "validation.required" as const }])];
    if (missing.length) throw validationFailed(missing);
    // The common case in one statement: profile and registration together.
    const newcomer = await registerNewcomer(ctx, { event, settings: settings!, email: email!, name: input.name!, locale, organisationId, attendance: input.attendance, answers, sensitiveAnswers, setupVersion: known?.version });
    if (newcomer) return done(newcomer, newcomer.created);
    person = await findOrCreatePersonByEmail(deps.db, email!, input.name!, { organisationId, locale });
  }
  // "En uppgift en gång": what the profile lacks is filled in from the registration.
  const profileChanges = {
    ...(organisationId && !person.organisationId ? { organisationId } : {}),
    ...(!person.locale ? { locale } : {}),
    ...(actor && input.name && person.name !== input.name ? { name: input.name } : {}),
  };
  if (Object.keys(profileChanges).length) await updatePerson(deps.db, person.id, profileChanges);

  const result = await register(ctx, {
    event,
    personId: person.id,
    organisationId: organisationId ?? person.organisationId ?? null,
    attendance: input.attendance,
    answers,
    sensitiveAnswers,
    setupVersion: known?.version,
    known: { settings: settings!, person: { name: person.name, email: person.email, locale: profileChanges.locale ?? person.locale } },
  });
  return done(result, result.created || actor?.personId === person.id);
}

/** An organiser adds someone: no window or mode applies, but capacity does. */
export async function addByOrganiser(deps: Deps, event: EventRow, input: RegistrationInput, knownQuestions?: Question[]) {
  const person = await findOrCreatePersonByEmail(deps.db, input.email!, input.name ?? input.email!.split("@")[0]!);
  const organisationId = (await resolveOrganisation(deps, input)) ?? person.organisationId;
  if (!(await findSettings(deps.db, event.id))) throw closed("reg.error.closed");
  const { answers, sensitiveAnswers } = validateAnswers(knownQuestions ?? (await listQuestions(deps.db, event.id)), input.answers, "sv");
  return register(regContextOf(deps), { event, personId: person.id, organisationId, attendance: input.attendance, answers, sensitiveAnswers, byOrganiser: true });
}
