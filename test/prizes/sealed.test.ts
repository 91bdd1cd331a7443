/**
 * The winner stays secret until the announcement (issue 15 §2): every page, API answer,
 * gallery, search and mail an outsider (or a juror, or a nominator with their own link)
 * can reach is the same whichever nomination has won, so none of them can tell; pages are
 * kept by the page cache in this test, and the announcement shows the winner at its very
 * second all the same. At the announcement the nominators' mails are written at once.
 */
import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { createApiToken } from "../../src/auth/repository.js";
import { rowsOf } from "../../src/db/rows.js";
import { outbox } from "../../src/db/schema.js";
import { runJobsOnce } from "../../src/jobs.js";
import { api, TestClient } from "../support/app.js";
import { describeEachDriver } from "../support/db.js";
import { makePerson } from "../support/factories.js";
import { nominate, prizeYear } from "./support.js";

/** What differs between two visits of the same page whatever the data: the form token. */
const normalise = (html: string) => html.replace(/name="_csrf" value="[^"]*"/g, 'name="_csrf" value=""');

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `…${a.slice(Math.max(0, i - 80), i + 80)}… / …${b.slice(Math.max(0, i - 80), i + 80)}…`;
}

describeEachDriver("the sealed winner", (get) => {
  it("is in nothing an outsider, a juror or a nominator can reach before the announcement, and in all of it at once after", async () => {
    const { t, db, base, slug, admin, organisation, criteria, roundId } = await prizeYear(get(), { PAGE_CACHE_SECONDS: "60" });
    const visitor = new TestClient(t);
    const orgs = [await organisation("2480"), await organisation("2482"), await organisation("2481")];
    const titles = ["Gemensam e-tjänsteplattform", "Trygg digital skola", "Bredband i glesbygd"];
    for (const [i, title] of titles.entries()) await nominate(visitor, base, { title, orgs: [orgs[i]!.id], email: `nominator${i}@example.se` });
    const noms = await rowsOf<{ id: string; title: string }>(db, sql`select id, title from prize_nominations where round_id = ${roundId} order by title`);
    const id = (title: string) => noms.find((n) => n.title === title)!.id;
    const ownLinks = (await db.select().from(outbox).where(sql`${outbox.toAddress} like 'nominator%'`)).map((m) => new URL(/(http\S+\/nominering\/\S+)/.exec(m.textBody)![1]!).pathname);

    await admin.post(`${base}/hantera/jury`, { jurorName: "Jana Jurymedlem", email: "jana@example.se" });
    const juror = new TestClient(t);
    await juror.login("jana@example.se");
    await admin.post(`${base}/hantera/fas`, { phase: "judging" });
    await juror.post(`${base}/jury/organisationer`, { org1: (await organisation("2460")).id });
    for (const n of noms) await juror.post(`${base}/jury/${n.id}`, { [`score.${criteria[0]!.id}`]: "4", [`score.${criteria[1]!.id}`]: "3" });
    await admin.post(`${base}/hantera/fas`, { phase: "deliberation" });
    for (const title of titles.slice(0, 2)) await admin.post(`${base}/hantera/nomineringar/${id(title)}/kortlista`, { shortlisted: "on" });

    const someone = new TestClient(t);
    const person = await makePerson(db);
    await someone.login(person.email!);
    const token = (await createApiToken(db, person.id, "test")).token;
    const pages = ["/", "/evenemang", "/pris", `/pris/${slug}`, base, `${base}/nominera`, "/pris/galleri", `/arkiv?q=${encodeURIComponent(titles[0]!)}`, "/natverk", ...ownLinks];
    const apis = ["/v1/prizes", `/v1/prizes/${slug}/years/2026`];
    async function everything(): Promise<string[]> {
      const seen: string[] = [];
      for (const [who, c] of [["visitor", visitor], ["signed in", someone], ["juror", juror]] as const) {
        for (const path of [...pages, ...(who === "juror" ? [`${base}/jury`, ...noms.map((n) => `${base}/jury/${n.id}`)] : [])]) {
          const res = await c.get(path);
          seen.push(`${who} ${path} ${res.status}\n${normalise(await res.text())}`);
        }
      }
      for (const path of apis) {
        for (const client of [api(t), api(t, token)]) {
          const res = await client.get(path);
          seen.push(`api ${path} ${res.status}\n${await res.text()}`);
        }
      }
      const ranking = await api(t, token).get(`/v1/prizes/${slug}/years/2026/ranking`);
      seen.push(`ranking ${ranking.status}`);
      return seen;
    }

    // Each has seen the message of having logged in, so it is not in either round of visits.
    for (const c of [someone, juror]) await c.get("/");
    const mailsBefore = (await db.select().from(outbox)).length;
    expect((await admin.post(`${base}/hantera/beslut`, { winnerId: id(titles[0]!), justification: "Juryns motivering." })).status).toBe(303);
    const withA = await everything();
    // The same data with another winner: if anything outside the admin's pages showed the winner, this would differ.
    await db.execute(sql`update prize_rounds set winner_id = ${id(titles[1]!)} where id = ${roundId}`);
    const withB = await everything();
    const differing = withA.flatMap((page, i) => (page === withB[i] ? [] : [`${page.split("\n")[0]}: ${firstDifference(page, withB[i]!)}`]));
    expect(differing, "pages that differ with the winner").toEqual([]);
    expect(withA.every((page) => !page.includes("Juryns motivering."))).toBe(true);
    expect(withA.find((p) => p.startsWith("ranking"))).toBe("ranking 403");
    expect((await db.select().from(outbox)).length, "the decision writes no mail").toBe(mailsBefore);
    // The admin, and only the admin, reads it.
    expect(await (await admin.get(`${base}/hantera`)).text()).toContain(`Vinnare: ${titles[1]}`);
    await db.execute(sql`update prize_rounds set winner_id = ${id(titles[0]!)} where id = ${roundId}`);

    // The ceremony, 20 January 2027 at 18:00: the very second, without anybody pressing a button.
    t.clock.now = new Date("2027-01-20T16:59:59Z");
    await runJobsOnce(t.deps);
    expect(normalise(await (await visitor.get(base)).text())).not.toContain("Juryns motivering.");
    t.clock.now = new Date("2027-01-20T17:00:00Z");
    const page = await (await visitor.get(base)).text();
    expect(page).toContain("Juryns motivering.");
    expect(page).toContain(titles[0]);
    const year = await (await api(t).get(`/v1/prizes/${slug}/years/2026`)).json();
    expect(year.winner.title).toBe(titles[0]);
    expect(year.shortlist.map((n: { title: string }) => n.title)).toEqual([titles[1]]);
    expect(await (await visitor.get("/pris/galleri")).text()).toContain(`Vinnare: ${titles[0]}`);
    const mails = await rowsOf<{ to_address: string; subject: string }>(db, sql`select to_address, subject from outbox where to_address like 'nominator%' and subject not like 'Din nominering%' order by to_address`);
    expect(mails).toEqual([
      { to_address: "nominator0@example.se", subject: `${titles[0]} vinner Guldmolnet 2026` },
      { to_address: "nominator1@example.se", subject: "Vinnaren av Guldmolnet 2026" },
      { to_address: "nominator2@example.se", subject: "Vinnaren av Guldmolnet 2026" },
    ]);
  }, 60_000);
});
