/**
 * A poll's results from its answers: plain functions (property-tested), the same for the
 * participant's view, the big screen, the moderator and the export.
 */
import type { PollAnswer, PollKind } from "./schema.js";

export interface PollShape {
  kind: PollKind;
  options: string[];
  scaleMax: number | null;
}

export interface Tally {
  /** Participants who answered. */
  answered: number;
  /** One row per option, rating value or word, in the order to show (words and rankings: best first). */
  rows: { label: string; count: number; share: number }[];
  /** Rating: the mean; ranking: unused. */
  mean: number | null;
}

/** A word as it is counted: trimmed, inner spacing made one space, lower case (Swedish rules), at most 40 characters. */
export function normaliseWord(word: string): string {
  const lower = word.normalize("NFC").replace(/\s+/gu, " ").toLocaleLowerCase("sv-SE").normalize("NFC");
  return [...lower].slice(0, 40).join("").trim();
}

/** The words of a word-cloud answer: up to three, normalised, none empty, none twice. */
export function wordsOf(input: string[]): string[] {
  const seen = new Set<string>();
  for (const w of input.map(normaliseWord)) if (w && seen.size < 3) seen.add(w);
  return [...seen];
}

const share = (count: number, of: number) => (of === 0 ? 0 : count / of);

export function tally(poll: PollShape, answers: PollAnswer[]): Tally {
  const answered = answers.length;
  if (poll.kind === "single" || poll.kind === "multiple") {
    const counts = poll.options.map(() => 0);
    for (const a of answers) if ("choices" in a) for (const i of new Set(a.choices)) if (i >= 0 && i < counts.length) counts[i]!++;
    return { answered, rows: poll.options.map((label, i) => ({ label, count: counts[i]!, share: share(counts[i]!, answered) })), mean: null };
  }
  if (poll.kind === "rating") {
    const max = poll.scaleMax ?? 5;
    const counts = Array.from({ length: max }, () => 0);
    let sum = 0;
    let n = 0;
    for (const a of answers)
      if ("rating" in a && a.rating >= 1 && a.rating <= max) {
        counts[a.rating - 1]!++;
        sum += a.rating;
        n++;
      }
    return { answered, rows: counts.map((count, i) => ({ label: String(i + 1), count, share: share(count, n) })), mean: n === 0 ? null : sum / n };
  }
  if (poll.kind === "words") {
    const counts = new Map<string, number>();
    for (const a of answers) if ("words" in a) for (const w of wordsOf(a.words)) counts.set(w, (counts.get(w) ?? 0) + 1);
    const rows = [...counts].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0], "sv")).map(([label, count]) => ({ label, count, share: share(count, answered) }));
    return { answered, rows, mean: null };
  }
  // Ranking: Borda points (first of n gets n-1, last 0); shown best first, with each option's share of all points.
  const n = poll.options.length;
  const points = poll.options.map(() => 0);
  for (const a of answers) {
    if (!("ranking" in a)) continue;
    const order = [...new Set(a.ranking)].filter((i) => i >= 0 && i < n);
    order.forEach((option, place) => (points[option]! += n - 1 - place));
  }
  const total = points.reduce((x, y) => x + y, 0);
  const rows = poll.options
    .map((label, i) => ({ i, row: { label, count: points[i]!, share: share(points[i]!, total) } }))
    .sort((x, y) => y.row.count - x.row.count || x.i - y.i)
    .map((r) => r.row);
  return { answered, rows, mean: null };
}
