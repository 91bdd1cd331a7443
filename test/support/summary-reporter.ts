/** Prints one plain closing line, "N passed, N failed, N skipped", that any CI can read. */
import type { Reporter, File, Task } from "vitest";

function collect(tasks: Task[], acc = { passed: 0, failed: 0, skipped: 0 }) {
  for (const t of tasks) {
    if (t.type === "suite") collect(t.tasks, acc);
    else if (t.result?.state === "pass") acc.passed++;
    else if (t.result?.state === "fail") acc.failed++;
    else acc.skipped++;
  }
  return acc;
}

export default class SummaryReporter implements Reporter {
  onFinished(files: File[] = []) {
    const c = collect(files);
    const failedFiles = files.filter((f) => f.result?.state === "fail" && f.tasks.length === 0).length;
    console.log(`\nvitest: ${c.passed} passed, ${c.failed + failedFiles} failed, ${c.skipped} skipped`);
  }
}
