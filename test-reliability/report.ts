/** Each reliability test records what it tried and found; the figures go into BENCHMARKS.md. */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const jsonPath = join(root, "bench", "reliability-results.json");
const mdPath = join(root, "bench", "reliability-results.md");

export function record(name: string, figures: Record<string, string | number>) {
  const all: Record<string, Record<string, string | number>> = existsSync(jsonPath) ? JSON.parse(readFileSync(jsonPath, "utf8")) : {};
  all[name] = { ...figures, measured: new Date().toISOString() };
  writeFileSync(jsonPath, JSON.stringify(all, null, 2));
  const md = Object.entries(all)
    .map(([n, f]) => `### ${n}\n\n| figure | value |\n| --- | --- |\n${Object.entries(f).map(([k, v]) => `| ${k} | ${v} |`).join("\n")}`)
    .join("\n\n");
  writeFileSync(mdPath, `Figures from \`npm run test:reliability\` (the last run of each test).\n\n${md}\n`);
}
