/** SMTP is down for a while: registrations keep working, and every mail is delivered exactly once after it returns. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { runLoad } from "../bench/lib/load.js";
import { createAdminToken, startServer } from "../bench/lib/server.js";
import { makeEvent, makeSpace } from "../bench/lib/setup.js";
import { record } from "./report.js";
import { startSmtp, until } from "./smtp.js";

it("keeps registering while SMTP is down and delivers each mail once when it is back", async () => {
  const smtp = await startSmtp();
  const dataDir = mkdtempSync(join(tmpdir(), "samverka-mail-"));
  const env = { DATA_DIR: dataDir, SMTP_URL: smtp.url, REGISTRATION_RATE_PER_IP: "10000000", JOBS_INTERVAL_SECONDS: "1", MAIL_RETRY_BASE_SECONDS: "1" };
  // PGlite is single-process: the admin token is made before the server starts.
  const token = createAdminToken(env);
  const live = await startServer(env);
  try {
    const space = await makeSpace(live.url, token);
    const event = await makeEvent(live.url, token, space.id, { places: 60 });
    smtp.setAccepting(false);
    const people = 120;
    const load = await runLoad(live.url, {
      concurrency: 10,
      requests: Array.from({ length: people }, (_, i) => ({ method: "POST", path: `/api/v1/events/${event.id}/registrations`, body: JSON.stringify({ name: `Post ${i}`, email: `post-${i}@mail.example` }) })),
    });
    expect(load.statuses.get(201)).toBe(people);
    await new Promise((r) => setTimeout(r, 3000)); // several failed attempts
    expect(smtp.received).toHaveLength(0);
    smtp.setAccepting(true);
    const deliveredInMs = await until(() => smtp.received.length >= people, 60_000, "delivery after SMTP returns");
    await new Promise((r) => setTimeout(r, 3000)); // time for any duplicate to show up
    const duplicates = smtp.received.length - new Set(smtp.received.map((m) => m.messageId)).size;
    expect(smtp.received).toHaveLength(people);
    expect(duplicates).toBe(0);
    expect(new Set(smtp.received.map((m) => m.to)).size).toBe(people);
    record("Mail outage (SMTP refusing connections during registration)", {
      "registrations while SMTP was down": people,
      "answered 201": load.statuses.get(201) ?? 0,
      "faults injected": "SMTP refused every connection for 3 s+ (several retries each)",
      "mails delivered after SMTP returned": smtp.received.length,
      "delivered within (ms)": deliveredInMs,
      "duplicate mails": duplicates,
      lost: people - smtp.received.length,
    });
  } finally {
    await live.kill();
    await smtp.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
