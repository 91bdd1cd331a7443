/**
 * Authorization in one place. Every organiser route and API endpoint asks here, and
 * nowhere else, whether the actor may act. Unpublished data of a space is invisible
 * (404) to anyone who is not its organiser or a platform admin; public data that the
 * actor may not change answers 403.
 */
import type { Db } from "../db/client.js";
import { findEventById, type EventWithSpace } from "../events/repository.js";
import type { Actor } from "../http/env.js";
import { forbidden, notFound, unauthenticated } from "../http/errors.js";
import { hasSensitiveAccess, isSpaceOrganiser, listSpaces, listSpacesOf, type Space } from "../spaces/repository.js";
import { findRegistration, findRegistrationByManageToken, type RegistrationRow } from "../registration/repository.js";
import { hasEventRole } from "./roles.js";
import { findPlanBySlug, isReporterFor, type Action, type Plan } from "../plans/repository.js";
import { findNetworkBySlug, managesMeeting, roleInNetwork, type Network } from "../networks/repository.js";
import { findPrizeBySlug, isPrizeAdmin, jurorOf, type Juror, type Prize, type Round } from "../prizes/repository.js";

/**
 * What can be done with an event. Its space's organisers (and platform admins) may do all;
 * check-in staff given the role for that event may check people in (find them by name,
 * redeem tickets, see the counts, print name badges at the desk), and nothing else: no
 * health data, no changes. Session moderators given the role for that event may run its
 * live rooms (questions, polls, the big screen), and nothing else. A network's meeting is
 * also run by the members who manage that network (while their term runs): its program,
 * registration, invitations and check-in, as its space's organisers do; health data stays
 * with those given that right (canSeeSensitive).
 */
export type EventAction = "event.manage" | "roles.manage" | "checkin.use" | "checkin.configure" | "badges.print" | "live.moderate";

export async function can(db: Db, actor: Actor | null, action: EventAction, event: { id: string; spaceId: string }): Promise<boolean> {
  if (!actor) return false;
  if (await canManageSpace(db, actor, event.spaceId)) return true;
  // The event roles first: check-in staff ask at every scan, and most of them manage no network.
  if ((action === "checkin.use" || action === "badges.print") && (await hasEventRole(db, actor.personId, event.id, "checkin"))) return true;
  if (action === "live.moderate" && (await hasEventRole(db, actor.personId, event.id, "moderator"))) return true;
  return managesMeeting(db, actor.personId, event.id);
}

/**
 * The event, when the actor may do `action` with it. Nobody learns a draft exists; a
 * public event answers 401 to nobody and 403 to those without the right.
 */
export async function loadEventFor(db: Db, actor: Actor | null, eventId: string, action: EventAction): Promise<EventWithSpace> {
  const event = await findEventById(db, eventId);
  if (!event) throw notFound();
  if (await can(db, actor, action, event)) return event;
  if (!actor) throw isPubliclyVisible(event) ? unauthenticated() : notFound();
  throw isPubliclyVisible(event) ? forbidden() : notFound();
}

export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw unauthenticated();
  return actor;
}

export function requirePlatformAdmin(actor: Actor | null): Actor {
  const a = requireActor(actor);
  if (!a.isPlatformAdmin) throw forbidden();
  return a;
}

export async function canManageSpace(db: Db, actor: Actor | null, spaceId: string): Promise<boolean> {
  if (!actor) return false;
  if (actor.isPlatformAdmin) return true;
  return isSpaceOrganiser(db, actor.personId, spaceId);
}

/** Health data in registrations: platform admins and organisers given that right. */
export async function canSeeSensitive(db: Db, actor: Actor | null, spaceId: string): Promise<boolean> {
  if (!actor) return false;
  if (actor.isPlatformAdmin) return true;
  return hasSensitiveAccess(db, actor.personId, spaceId);
}

/** The spaces the actor organises (every one for a platform admin), to create a plan, network or prize in; nobody else gets past. */
export async function spacesManagedBy(db: Db, actor: Actor | null): Promise<Space[]> {
  const a = requireActor(actor);
  const spaces = a.isPlatformAdmin ? await listSpaces(db) : await listSpacesOf(db, a.personId);
  if (spaces.length === 0) throw forbidden();
  return spaces;
}

/** For acting in a space (creating events, adding organisers). */
export async function requireSpaceManager(db: Db, actor: Actor | null, spaceId: string): Promise<Actor> {
  const a = requireActor(actor);
  if (!(await canManageSpace(db, a, spaceId))) throw forbidden();
  return a;
}

export function isPubliclyVisible(event: { status: string }): boolean {
  return event.status === "published" || event.status === "cancelled";
}

/** An event the actor may see: public ones for everybody, drafts for their organisers. */
export async function loadEventForRead(db: Db, actor: Actor | null, event: EventWithSpace | undefined): Promise<EventWithSpace> {
  if (!event) throw notFound();
  if (isPubliclyVisible(event)) return event;
  if (await canManageSpace(db, actor, event.spaceId)) return event;
  throw notFound();
}

/** An event the actor may change: only its space's organisers and platform admins. */
export const loadEventForWrite = (db: Db, actor: Actor | null, eventId: string): Promise<EventWithSpace> => loadEventFor(db, actor, eventId, "event.manage");

/**
 * A registration may be acted on by its space's organisers or by whoever holds its
 * manage link. Nobody else learns that it exists.
 */
export async function authorizeRegistration(
  db: Db,
  linkKey: Buffer,
  actor: Actor | null,
  registrationId: string,
  manageToken: string | undefined,
  organiserOnly = false,
): Promise<{ registration: RegistrationRow; event: EventWithSpace; asOrganiser: boolean }> {
  const registration = await findRegistration(db, registrationId);
  if (!registration) throw notFound();
  const event = (await findEventById(db, registration.eventId))!;
  if (await canManageSpace(db, actor, event.spaceId)) return { registration, event, asOrganiser: true };
  if (!organiserOnly && manageToken && (await findRegistrationByManageToken(db, linkKey, manageToken))?.id === registration.id) {
    return { registration, event, asOrganiser: false };
  }
  if (!actor) throw unauthenticated();
  throw notFound();
}

/**
 * Plans. A published plan is read by everybody; an unpublished one only by its space's
 * organisers (nobody else learns it exists). Its organisers manage it. Progress on an
 * action is reported by its organisers and by the people given the right to report for
 * one of the action's owner organisations, who may do nothing else.
 */
export async function loadPlanForRead(db: Db, actor: Actor | null, slug: string): Promise<{ plan: Plan; manages: boolean }> {
  const plan = await findPlanBySlug(db, slug);
  if (!plan) throw notFound();
  const manages = await canManageSpace(db, actor, plan.spaceId);
  if (!plan.published && !manages) throw notFound();
  return { plan, manages };
}

export async function loadPlanForManage(db: Db, actor: Actor | null, slug: string): Promise<Plan> {
  const { plan, manages } = await loadPlanForRead(db, actor, slug);
  if (manages) return plan;
  throw actor ? forbidden() : unauthenticated();
}

export async function canReportOn(db: Db, actor: Actor | null, plan: Plan, action: Pick<Action, "id" | "planId">): Promise<boolean> {
  if (!actor) return false;
  if (await canManageSpace(db, actor, plan.spaceId)) return true;
  return isReporterFor(db, actor.personId, action);
}

/**
 * Networks. A network's page is public; who its members are, and its meetings' documents,
 * are public only when the network says so, and otherwise read by its members and those
 * who manage it. It is managed by its space's organisers and by the members given that
 * right (for as long as their term runs), who may do nothing else in the space.
 */
export interface NetworkAccess {
  network: Network;
  member: boolean;
  manages: boolean;
  seesMembers: boolean;
  seesDocuments: boolean;
}

export async function loadNetworkFor(db: Db, actor: Actor | null, slug: string, today: string): Promise<NetworkAccess> {
  const network = await findNetworkBySlug(db, slug);
  if (!network) throw notFound();
  const role = actor ? await roleInNetwork(db, actor.personId, network.id, today) : { member: false, manages: false };
  const manages = role.manages || (await canManageSpace(db, actor, network.spaceId));
  const insider = role.member || manages;
  return { network, member: role.member, manages, seesMembers: network.membersPublic || insider, seesDocuments: network.documentsPublic || insider };
}

export async function loadNetworkForManage(db: Db, actor: Actor | null, slug: string, today: string): Promise<NetworkAccess> {
  const access = await loadNetworkFor(db, actor, slug, today);
  if (access.manages) return access;
  throw actor ? forbidden() : unauthenticated();
}

/**
 * The prize. Its pages and call for nominations are public; its admins (the space's
 * organisers and the people made admins of the prize) run it and alone read the decision
 * before the announcement. A juror of a round judges the nominations they have no conflict
 * with (policy of what they see: prizes/service.ts, jurorNominations and mayReview).
 */
export async function loadPrizeFor(db: Db, actor: Actor | null, slug: string): Promise<{ prize: Prize; admin: boolean }> {
  const prize = await findPrizeBySlug(db, slug);
  if (!prize) throw notFound();
  const admin = !!actor && ((await canManageSpace(db, actor, prize.spaceId)) || (await isPrizeAdmin(db, actor.personId, prize.id)));
  return { prize, admin };
}

export async function loadPrizeForAdmin(db: Db, actor: Actor | null, slug: string): Promise<Prize> {
  const { prize, admin } = await loadPrizeFor(db, actor, slug);
  if (admin) return prize;
  throw actor ? forbidden() : unauthenticated();
}

/** The actor as a juror of the round; nobody else gets past. */
export async function requireJuror(db: Db, actor: Actor | null, round: Round): Promise<Juror> {
  const a = requireActor(actor);
  const juror = await jurorOf(db, round.id, a.personId);
  if (!juror) throw forbidden();
  return juror;
}
