/** Everything an action's own page shows: its year, owners, goals, links, networks and their decisions, milestones and history. */
import { networkSideOfAction } from "../networks/repository.js";
import { rowsOf } from "../db/rows.js";
import { sql } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { actionHistory, findAction, milestonesOf, type Action, type HistoryEntry, type Milestone, type Plan } from "./repository.js";

export interface ActionDetails {
  action: Action;
  year: number;
  carriedFromYear: number | null;
  owners: { id: string; name: string }[];
  goals: { goalId: string; title: string; focusArea: string; weight: number }[];
  /** A session's recording, when the archive has one, is linked where it is shown. */
  links: { kind: "event" | "session"; title: string; titleEn: string | null; href: string; recordingHref: string | null }[];
  milestones: Milestone[];
  history: HistoryEntry[];
  /** The networks that own it, and their decisions that made or updated it. */
  networks: Awaited<ReturnType<typeof networkSideOfAction>>;
}

export async function loadActionDetails(db: Db, plan: Plan, actionId: string): Promise<ActionDetails | null> {
  const action = await findAction(db, plan.id, actionId);
  if (!action) return null;
  const [years, owners, goals, links, milestones, history, networks] = await Promise.all([
    rowsOf<{ year: number; carried_year: number | null }>(
      db,
      sql`select ap.year, (select p2.year from plan_actions a2 join action_plans p2 on p2.id = a2.action_plan_id where a2.id = a.carried_from_id) as carried_year
          from plan_actions a join action_plans ap on ap.id = a.action_plan_id where a.id = ${action.id}`,
    ),
    rowsOf<{ id: string; name: string }>(db, sql`select o.id, o.name from plan_action_owners l join organisations o on o.id = l.organisation_id where l.action_id = ${action.id} order by o.name`),
    rowsOf<{ goal_id: string; title: string; focus_area: string; weight: number }>(
      db,
      sql`select l.goal_id, g.title, f.title as focus_area, l.weight from plan_action_goals l join plan_goals g on g.id = l.goal_id join plan_focus_areas f on f.id = g.focus_area_id
          where l.action_id = ${action.id} order by f.position, g.position`,
    ),
    rowsOf<{ event_id: string | null; session_id: string | null; title: string; title_en: string | null; event_slug: string; recorded: boolean; published: boolean }>(
      db,
      sql`select l.event_id, l.session_id, coalesce(s.title_sv, e.title_sv) as title, case when s.id is null then e.title_en else s.title_en end as title_en, coalesce(es.slug, e.slug) as event_slug,
                 exists (select 1 from session_recordings r where r.session_id = l.session_id) as recorded, coalesce(es.status, e.status) in ('published', 'cancelled') as published
          from plan_action_links l left join events e on e.id = l.event_id left join program_sessions s on s.id = l.session_id left join events es on es.id = s.event_id
          where l.action_id = ${action.id} and l.network_id is null`,
    ),
    milestonesOf(db, action.id),
    actionHistory(db, action.id),
    networkSideOfAction(db, action.id),
  ]);
  return {
    action,
    year: Number(years[0]!.year),
    carriedFromYear: years[0]!.carried_year === null ? null : Number(years[0]!.carried_year),
    owners,
    goals: goals.map((g) => ({ goalId: g.goal_id, title: g.title, focusArea: g.focus_area, weight: Number(g.weight) })),
    links: links.map((l) =>
      l.session_id
        ? { kind: "session" as const, title: l.title, titleEn: l.title_en, href: `/evenemang/${l.event_slug}/program`, recordingHref: l.recorded && l.published ? `/evenemang/${l.event_slug}/inspelningar#s-${l.session_id}` : null }
        : { kind: "event" as const, title: l.title, titleEn: l.title_en, href: `/evenemang/${l.event_slug}`, recordingHref: null },
    ),
    milestones,
    history,
    networks,
  };
}
