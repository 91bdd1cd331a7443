/**
 * What an imported plan file would change, and everything wrong with it, before anything
 * is written: a plain function of the plan as it is and the file's lines. Each line is
 * checked with the same rules as the forms; every id must be one of this plan's, or a new
 * line's key used in the same file; an action cannot continue itself, directly or in a
 * ring. Lines left out of the file are left as they are (an import never deletes).
 */
import type { z } from "zod";
import { AppError, type FieldError } from "../http/errors.js";
import type { MessageKey, Params } from "../i18n/messages.js";
import { COLUMNS, isNewKey, KINDS, kindOfWord, LIST_SEPARATOR, ruleOfWord, RULE_WORDS, splitList, type Column, type Kind, type Line } from "./file-format.js";
import type { Action, FocusArea, Goal, Milestone, Plan, Status } from "./repository.js";
import type { RollupRule } from "./rollup.js";
import { ActionFields, MilestoneForm, NodeForm, optionalDate, percent, PlanForm, weight, year } from "./schemas.js";
import { parseInput } from "../http/validation.js";

export interface PlanState {
  plan: Plan;
  focusAreas: FocusArea[];
  goals: Goal[];
  statuses: Status[];
  actions: (Action & { year: number })[];
  owners: Map<string, string[]>;
  actionGoals: Map<string, { goalId: string; weight: number }[]>;
  milestones: Milestone[];
  organisations: { id: string; name: string }[];
}

export interface Problem {
  line: number;
  column: Column | null;
  key: MessageKey;
  params?: Params;
}

export interface Change {
  line: number;
  kind: Kind;
  op: "add" | "update" | "report";
  label: string;
  fields: { column: Column; from: string; to: string }[];
}

/** A reference to a node: one of ours by id, or a new line of the same file by its key. */
export type Ref = { id: string } | { key: string };

interface Base {
  line: number;
  id: string | null;
  key: string | null;
}
export type Resolved =
  | (Base & { kind: "plan"; title: string; vision: string | null; rule: RollupRule; manualProgress: number | null })
  | (Base & { kind: "focusArea"; title: string; description: string | null; rule: RollupRule; manualProgress: number | null; weight: number })
  | (Base & { kind: "goal"; parent: Ref; title: string; description: string | null; rule: RollupRule; manualProgress: number | null; weight: number })
  | (Base & {
      kind: "action";
      year: number;
      fields: z.output<typeof ActionFields>;
      status: Status;
      progress: number | null;
      ownerIds: string[];
      goals: { goal: Ref; weight: number }[];
      carriedFrom: Ref | null;
    })
  | (Base & { kind: "milestone"; action: Ref; title: string; dueOn: string; doneOn: string | null });

export interface Checked {
  problems: Problem[];
  changes: Change[];
  resolved: Resolved[];
  unchanged: number;
}

const COLUMN_OF_FIELD: Record<string, Column> = { title: "titel", description: "beskrivning", vision: "beskrivning", rule: "regel", manualProgress: "manuellt", weight: "vikt", ref: "ref", contactName: "kontakt", contactEmail: "e-post", startsOn: "start", endsOn: "slut", dueOn: "slut", year: "år", progress: "framsteg" };
const refText = (r: Ref | null) => (r === null ? "" : "id" in r ? r.id : r.key);
const goalsText = (goals: { goal: Ref; weight: number }[]) =>
  goals
    .map((g) => (g.weight === 1 ? refText(g.goal) : `${refText(g.goal)}:${g.weight}`))
    .sort()
    .join(LIST_SEPARATOR);
const numberText = (n: number | null) => (n === null ? "" : String(n));
const figureText = (label: string, p: number | null) => (p === null ? label : `${label} ${p} %`);

/** The line as the export writes it, for any node (of ours or from the file): the diff compares these. */
export function canonicalLine(r: Resolved, names: Map<string, string>): Line {
  const kind = KINDS[r.kind];
  const id = r.id ?? r.key ?? "";
  switch (r.kind) {
    case "plan":
      return { line: r.line, typ: kind, id, titel: r.title, beskrivning: r.vision ?? "", regel: RULE_WORDS[r.rule], manuellt: numberText(r.manualProgress) };
    case "focusArea":
    case "goal":
      return { line: r.line, typ: kind, id, förälder: r.kind === "goal" ? refText(r.parent) : "", titel: r.title, beskrivning: r.description ?? "", regel: RULE_WORDS[r.rule], manuellt: numberText(r.manualProgress), vikt: String(r.weight) };
    case "action": {
      const f = r.fields;
      const owners = r.ownerIds.map((o) => names.get(o) ?? o).sort((a, b) => a.localeCompare(b, "sv"));
      return {
        line: r.line,
        typ: kind,
        id,
        ref: f.ref,
        år: String(r.year),
        titel: f.title,
        beskrivning: f.description ?? "",
        status: r.status.label,
        framsteg: numberText(r.progress),
        ägare: owners.join(LIST_SEPARATOR),
        mål: goalsText(r.goals),
        start: f.startsOn ?? "",
        slut: f.endsOn ?? "",
        kontakt: f.contactName ?? "",
        "e-post": f.contactEmail ?? "",
        "fortsätter från": refText(r.carriedFrom),
      };
    }
    case "milestone":
      return { line: r.line, typ: kind, id, förälder: refText(r.action), titel: r.title, slut: r.dueOn, "klar den": r.doneOn ?? "" };
  }
}

/** Every node of the plan as it is, in the file's order: the plan, each focus area with its goals, each action with its milestones. */
export function currentNodes(s: PlanState): Resolved[] {
  const out: Resolved[] = [{ kind: "plan", line: 0, id: s.plan.id, key: null, title: s.plan.title, vision: s.plan.vision, rule: s.plan.rule, manualProgress: s.plan.manualProgress }];
  for (const fa of s.focusAreas) {
    out.push({ kind: "focusArea", line: 0, id: fa.id, key: null, title: fa.title, description: fa.description, rule: fa.rule, manualProgress: fa.manualProgress, weight: fa.weight });
    for (const g of s.goals.filter((g) => g.focusAreaId === fa.id)) out.push({ kind: "goal", line: 0, id: g.id, key: null, parent: { id: fa.id }, title: g.title, description: g.description, rule: g.rule, manualProgress: g.manualProgress, weight: g.weight });
  }
  const statuses = new Map(s.statuses.map((st) => [st.id, st]));
  for (const a of s.actions) {
    out.push({
      kind: "action",
      line: 0,
      id: a.id,
      key: null,
      year: a.year,
      fields: { ref: a.ref, title: a.title, description: a.description, contactName: a.contactName, contactEmail: a.contactEmail, startsOn: a.startsOn, endsOn: a.endsOn },
      status: statuses.get(a.statusId)!,
      progress: a.progress,
      ownerIds: s.owners.get(a.id) ?? [],
      goals: (s.actionGoals.get(a.id) ?? []).map((g) => ({ goal: { id: g.goalId }, weight: g.weight })),
      carriedFrom: a.carriedFromId ? { id: a.carriedFromId } : null,
    });
    for (const m of s.milestones.filter((m) => m.actionId === a.id)) out.push({ kind: "milestone", line: 0, id: m.id, key: null, action: { id: a.id }, title: m.title, dueOn: m.dueOn, doneOn: m.doneOn });
  }
  return out;
}

const labelOf = (r: Resolved) => (r.kind === "action" ? `${r.fields.ref} ${r.fields.title}` : r.title);

/** The file's lines checked against the plan: every problem, and when there are none, every change. */
export function checkPlanFile(s: PlanState, lines: Line[]): Checked {
  const problems: Problem[] = [];
  const problem = (line: number, column: Column | null, key: MessageKey, params?: Params) => problems.push({ line, column, key, ...(params ? { params } : {}) });
  const current = currentNodes(s);
  const ours = new Map(current.map((n) => [n.id!, n]));
  const names = new Map(s.organisations.map((o) => [o.id, o.name]));

  // 1. What each line is, and which node it names.
  const seen = new Map<string, number>();
  const heads: { line: Line; kind: Kind; id: string | null; key: string | null }[] = [];
  for (const line of lines) {
    const kind = kindOfWord(line.typ);
    if (!kind) {
      problem(line.line, "typ", "plans.file.error.kind", { kinds: Object.values(KINDS).join(", ") });
      continue;
    }
    const given = line.id ?? "";
    let id: string | null = null;
    let key: string | null = null;
    if (given === "") {
      if (kind === "plan") id = s.plan.id;
    } else if (ours.has(given)) {
      const node = ours.get(given)!;
      if (node.kind !== kind) problem(line.line, "id", "plans.file.error.wrongKind", { id: given, kind: KINDS[node.kind] });
      id = given;
    } else if (isNewKey(given) && kind !== "plan") key = given;
    else {
      problem(line.line, "id", "plans.file.error.unknownId", { id: given.slice(0, 60) });
      continue;
    }
    const name = id ?? key;
    if (name) {
      if (seen.has(name)) problem(line.line, "id", "plans.file.error.twice", { id: name, other: seen.get(name)! });
      else seen.set(name, line.line);
    }
    heads.push({ line, kind, id, key });
  }
  const fileKinds = new Map(heads.filter((h) => h.key).map((h) => [h.key!, h.kind]));

  /** A reference to a node of the kind `want`, by one of our ids or a key of a new line in this file. */
  const ref = (line: Line, column: Column, want: Kind, value: string | undefined): Ref | null => {
    const v = (value ?? "").trim();
    if (!v) return null;
    const kind = ours.get(v)?.kind ?? fileKinds.get(v);
    if (!kind) problem(line.line, column, "plans.file.error.unknownRef", { id: v.slice(0, 60) });
    else if (kind !== want) problem(line.line, column, "plans.file.error.refKind", { id: v, kind: KINDS[want] });
    else return ours.has(v) ? { id: v } : { key: v };
    return null;
  };
  /** A form schema over the line's cells; its field errors become problems in the line's columns. */
  const parsed = <T,>(line: Line, run: () => T, column: Column | null = null): T | undefined => {
    try {
      return run();
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      for (const f of err.fields as FieldError[]) problem(line.line, COLUMN_OF_FIELD[f.field.split(".")[0]!] ?? column, f.key, f.params);
      return undefined;
    }
  };
  const ruleOf = (line: Line): RollupRule | null => {
    if (!line.regel) return "mean";
    const rule = ruleOfWord(line.regel);
    if (!rule) problem(line.line, "regel", "plans.file.error.rule", { rules: Object.values(RULE_WORDS).join(", ") });
    return rule ?? null;
  };

  // 2. Each line by its kind, with the forms' own rules.
  const resolved: Resolved[] = [];
  for (const { line, kind, id, key } of heads) {
    const base = { line: line.line, id, key };
    const rule = kind === "action" || kind === "milestone" ? "mean" : ruleOf(line);
    if (kind === "plan") {
      const p = s.plan;
      const v = parsed(line, () => parseInput(PlanForm, { title: line.titel ?? "", slug: p.slug, vision: line.beskrivning ?? "", periodStart: String(p.periodStart), periodEnd: String(p.periodEnd), published: p.published, rule: rule ?? "mean", manualProgress: line.manuellt ?? "" }));
      if (v && rule) resolved.push({ ...base, kind, title: v.title, vision: v.vision, rule, manualProgress: v.manualProgress });
    } else if (kind === "focusArea" || kind === "goal") {
      const parent = kind === "goal" ? ref(line, "förälder", "focusArea", line.förälder) : null;
      if (kind === "goal" && !line.förälder) problem(line.line, "förälder", "plans.file.error.parent", { kind: KINDS.focusArea });
      if (kind === "focusArea" && line.förälder && line.förälder !== s.plan.id) problem(line.line, "förälder", "plans.file.error.refKind", { id: line.förälder, kind: KINDS.plan });
      const v = parsed(line, () => parseInput(NodeForm, { title: line.titel ?? "", description: line.beskrivning ?? "", rule: rule ?? "mean", manualProgress: line.manuellt ?? "", weight: line.vikt ?? "" }));
      if (v && rule && kind === "focusArea") resolved.push({ ...base, kind, ...v, rule });
      if (v && rule && kind === "goal" && parent) resolved.push({ ...base, kind, parent, ...v, rule });
    } else if (kind === "milestone") {
      const action = ref(line, "förälder", "action", line.förälder);
      if (!line.förälder) problem(line.line, "förälder", "plans.file.error.parent", { kind: KINDS.action });
      const v = parsed(line, () => parseInput(MilestoneForm, { title: line.titel ?? "", dueOn: line.slut ?? "" }));
      const doneOn = parsed(line, () => parseInput(optionalDate, line["klar den"] ?? ""), "klar den");
      if (v && action && doneOn !== undefined) resolved.push({ ...base, kind, action, title: v.title, dueOn: v.dueOn, doneOn });
    } else {
      const r = actionLine(s, line, { ...base, kind }, { problem, parsed, ref, names, ours });
      if (r) resolved.push(r);
    }
  }

  // 3. Whole-plan rules: a reference unique in its year, no action continuing itself.
  const finalActions = new Map<string, Resolved & { kind: "action" }>();
  for (const n of current) if (n.kind === "action") finalActions.set(n.id!, n);
  for (const r of resolved) if (r.kind === "action") finalActions.set(r.id ?? `new:${r.key ?? r.line}`, r);
  const refs = new Map<string, Resolved & { kind: "action" }>();
  for (const a of finalActions.values()) {
    const k = `${a.year}\u0000${a.fields.ref.toLowerCase()}`;
    const other = refs.get(k);
    if (other && (a.line || other.line)) problem(a.line || other.line, "ref", "plans.file.error.refTaken", { ref: a.fields.ref, year: a.year });
    refs.set(k, a);
  }
  const newActions = new Map(resolved.filter((r): r is Resolved & { kind: "action" } => r.kind === "action" && r.key !== null).map((r) => [r.key!, r]));
  for (const r of resolved) {
    if (r.kind !== "action" || !r.carriedFrom || !("key" in r.carriedFrom)) continue;
    const from = newActions.get(r.carriedFrom.key);
    if (from && from.year >= r.year) problem(r.line, "fortsätter från", "plans.file.error.carryYear", { year: from.year });
  }
  ringProblems(finalActions, problem);

  problems.sort((a, b) => a.line - b.line);
  if (problems.length) return { problems, changes: [], resolved: [], unchanged: 0 };

  // 4. The changes: each line's canonical form against the node's as it is.
  const changes: Change[] = [];
  let unchanged = 0;
  for (const r of resolved) {
    const after = canonicalLine(r, names);
    const was = r.id ? ours.get(r.id) : undefined;
    if (!was) {
      changes.push({ line: r.line, kind: r.kind, op: "add", label: labelOf(r), fields: [] });
      if (r.kind === "action" && r.progress !== null) changes.push({ line: r.line, kind: r.kind, op: "report", label: labelOf(r), fields: [{ column: "framsteg", from: "", to: figureText(r.status.label, r.progress) }] });
      continue;
    }
    const before = canonicalLine(was, names);
    const fields = COLUMNS.filter((c) => c !== "framsteg" && c !== "status" && c !== "typ" && (before[c] ?? "") !== (after[c] ?? "")).map((column) => ({ column, from: before[column] ?? "", to: after[column] ?? "" }));
    if (fields.length) changes.push({ line: r.line, kind: r.kind, op: "update", label: labelOf(r), fields });
    const moved = r.kind === "action" && was.kind === "action" && (r.status.id !== was.status.id || (r.progress !== null && r.progress !== was.progress));
    if (moved) changes.push({ line: r.line, kind: r.kind, op: "report", label: labelOf(r), fields: [{ column: "framsteg", from: figureText(was.status.label, was.progress), to: figureText(r.status.label, r.progress ?? was.progress ?? r.status.suggestedProgress ?? 0) }] });
    if (!fields.length && !moved) unchanged++;
  }
  return { problems, changes, resolved, unchanged };
}

interface Helpers {
  problem: (line: number, column: Column | null, key: MessageKey, params?: Params) => void;
  parsed: <T>(line: Line, run: () => T, column?: Column | null) => T | undefined;
  ref: (line: Line, column: Column, want: Kind, value: string | undefined) => Ref | null;
  names: Map<string, string>;
  ours: Map<string, Resolved>;
}

function actionLine(s: PlanState, line: Line, base: Base & { kind: "action" }, h: Helpers): Resolved | null {
  const { problem, parsed, ref } = h;
  const was = base.id ? h.ours.get(base.id) : undefined;
  const y = line.år ? parsed(line, () => parseInput(year, line.år), "år") : undefined;
  if (!line.år) problem(line.line, "år", "validation.required");
  if (y !== undefined && was?.kind === "action" && was.year !== y) problem(line.line, "år", "plans.file.error.yearFixed", { year: was.year });
  const fields = parsed(line, () =>
    parseInput(ActionFields, { ref: line.ref ?? "", title: line.titel ?? "", description: line.beskrivning ?? "", contactName: line.kontakt ?? "", contactEmail: line["e-post"] ?? "", startsOn: line.start ?? "", endsOn: line.slut ?? "" }),
  );
  const isDate = (d: string | undefined) => /^\d{4}-\d{2}-\d{2}$/.test(d ?? "");
  if (isDate(line.start) && isDate(line.slut) && line.start! > line.slut!) problem(line.line, "slut", "plans.error.dates");
  const statusWord = (line.status ?? "").trim().toLowerCase();
  const status = s.statuses.find((st) => [st.key, st.label.toLowerCase(), st.labelEn.toLowerCase()].includes(statusWord));
  if (!status) problem(line.line, "status", statusWord ? "plans.file.error.status" : "validation.required", { statuses: s.statuses.map((st) => st.label).join(", ") });
  const progress = parsed(line, () => parseInput(percent, line.framsteg ?? ""), "framsteg");
  const ownerIds: string[] = [];
  for (const name of splitList(line.ägare)) {
    const found = s.organisations.filter((o) => o.id === name || o.name.toLowerCase() === name.toLowerCase());
    if (found.length === 1) ownerIds.push(found[0]!.id);
    else problem(line.line, "ägare", found.length ? "plans.file.error.ownerAmbiguous" : "plans.file.error.owner", { name: name.slice(0, 100) });
  }
  if (!line.ägare) problem(line.line, "ägare", "plans.error.noOwner");
  const goals: { goal: Ref; weight: number }[] = [];
  for (const item of splitList(line.mål)) {
    const [goalRef, w] = item.split(":").map((x) => x.trim());
    const goal = ref(line, "mål", "goal", goalRef);
    const wt = parsed(line, () => parseInput(weight, w ?? ""), "mål");
    if (goal && wt !== undefined) goals.push({ goal, weight: wt });
  }
  const carriedFrom = ref(line, "fortsätter från", "action", line["fortsätter från"]);
  if (carriedFrom && "id" in carriedFrom) {
    const from = h.ours.get(carriedFrom.id);
    if (from?.kind === "action" && y !== undefined && from.year >= y) problem(line.line, "fortsätter från", "plans.file.error.carryYear", { year: from.year });
  }
  if (!fields || !status || y === undefined || progress === undefined) return null;
  return { ...base, year: y, fields, status, progress, ownerIds: [...new Set(ownerIds)], goals, carriedFrom };
}

/** Actions that continue themselves through a ring of "fortsätter från" (A ← B ← A) are refused, each named. */
function ringProblems(actions: Map<string, Resolved & { kind: "action" }>, problem: Helpers["problem"]) {
  // Actions are named by id, or "new:<key>" for a new line: what a reference names too.
  const next = (name: string) => {
    const from = actions.get(name)?.carriedFrom;
    return from ? ("id" in from ? from.id : `new:${from.key}`) : null;
  };
  const reported = new Set<string>();
  for (const start of actions.keys()) {
    const path = [start];
    for (let at = next(start); at !== null && path.length <= actions.size; at = next(at)) {
      if (at === start) {
        const refs = [...path, start].map((n) => actions.get(n)!.fields.ref);
        const onFile = path.map((n) => actions.get(n)!).find((a) => a.line > 0);
        if (onFile && !reported.has([...path].sort().join())) {
          reported.add([...path].sort().join());
          problem(onFile.line, "fortsätter från", "plans.file.error.ring", { path: refs.join(" ← ") });
        }
        break;
      }
      if (path.includes(at)) break;
      path.push(at);
    }
  }
  const continued = new Map<string, Resolved & { kind: "action" }>();
  for (const [name, a] of actions) {
    const from = next(name);
    if (!from) continue;
    const other = continued.get(from);
    if (other && (a.line || other.line)) problem(a.line || other.line, "fortsätter från", "plans.file.error.continuedTwice", { ref: actions.get(from)?.fields.ref ?? from });
    continued.set(from, a);
  }
}
