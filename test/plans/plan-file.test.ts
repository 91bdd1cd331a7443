/**
 * The plan as a file (issue 14 §3): exported as CSV and XLSX in one format with stable ids,
 * imported with a dry run that lists every change and every error before anything is
 * written; unknown ids, rings of "fortsätter från", wrong kinds and files that are not what
 * they claim are refused and change nothing; an approval is only taken for exactly the
 * changes that were shown.
 */
import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { searchOrganisations } from "../../src/organisations/repository.js";
import { planActions, planGoals, planReports, plans } from "../../src/plans/schema.js";
import { statusesOf } from "../../src/plans/repository.js";
import { createTestApp, TestClient } from "../support/app.js";
import { describeEachDriver } from "../support/db.js";
import { makeOrganiser, makePerson } from "../support/factories.js";

const csvFile = (text: string, name = "plan.csv") => new File([Buffer.from("\uFEFF" + text, "utf8")], name, { type: "text/csv" });
const hidden = (page: string, name: string) => {
  const m = new RegExp(`name="${name}" value="([^"]*)"`).exec(page);
  return m ? m[1]!.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&") : null;
};

describeEachDriver("the plan as a file", (get) => {
  async function setup() {
    const t = createTestApp(get());
    t.clock.now = new Date("2025-03-10T10:00:00Z");
    const { db } = t.deps;
    const org = await makeOrganiser(db);
    const c = new TestClient(t);
    await c.login(org.person.email!);
    const slug = `fil-${org.space.slug}`;
    expect((await c.post("/planer/ny", { spaceId: org.space.id, title: "Verksamhetsplan 2025–2027", slug, vision: "", periodStart: "2025", periodEnd: "2027", rule: "mean", manualProgress: "", published: "on" })).status).toBe(303);
    expect((await c.post(`/planer/${slug}/hantera/omraden`, { title: "Infrastruktur", description: "", rule: "mean", manualProgress: "", weight: "1" })).status).toBe(303);
    const base = `/planer/${slug}/hantera/fil`;
    const umea = (await searchOrganisations(db, "2480"))[0]!;
    const statuses = Object.fromEntries((await statusesOf(db, org.space.id)).map((s) => [s.key, s]));
    const exportCsv = async () => {
      const res = await c.get(`${base}/${slug}.csv`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("text/csv");
      return (await res.text()).replace(/^\uFEFF/, "");
    };
    const [plan] = await db.select().from(plans).where(eq(plans.slug, slug));
    const actionsOfPlan = () => db.select().from(planActions).where(eq(planActions.planId, plan!.id));
    return { t, db, c, org, slug, base, umea, statuses, exportCsv, actionsOfPlan };
  }

  it("a new goal and an action that serves it come in by file; the dry run writes nothing; approving writes exactly that", async () => {
    const { db, c, base, umea, exportCsv, slug, actionsOfPlan } = await setup();
    const before = await exportCsv();
    const lines = before.trim().split("\r\n");
    expect(lines[0]).toBe('"typ";"id";"förälder";"ref";"år";"titel";"beskrivning";"regel";"manuellt";"vikt";"status";"framsteg";"ägare";"mål";"start";"slut";"kontakt";"e-post";"fortsätter från";"klar den"');
    const areaId = /"fokusområde";"([0-9a-f-]{36})"/.exec(before)![1]!;
    const added = [
      `"mål";"ny-mål";"${areaId}";"";"";"Bredband till alla; även på landet";"";"viktat";"";"2";"";"";"";"";"";"";"";"";"";""`,
      `"åtgärd";"ny-1";"";"A1";"2025";"Gemensam upphandling av ""stadsnät""";"";"";"";"";"Pågår";"30";"${umea.name}";"ny-mål:3";"2025-01-01";"2025-12-31";"Kim Kontakt";"kim@example.se";"";""`,
      `"milstolpe";"";"ny-1";"";"";"Avtal tecknat";"";"";"";"";"";"";"";"";"";"2025-06-30";"";"";"";""`,
    ];
    // As Excel leaves them: an empty row between the old lines and the new.
    const file = csvFile([...lines, ";;;;;;;;;;;;;;;;;;;", ...added].join("\r\n"));
    const check = await c.postMultipart(base, { file });
    const page = await check.text();
    expect(check.status).toBe(200);
    expect(page).toContain("4 ändringar att spara");
    expect(page).toContain("Bredband till alla; även på landet");
    expect(page).toContain("Ny rapport");
    // The dry run wrote nothing.
    expect(await db.select().from(planGoals).where(eq(planGoals.focusAreaId, areaId))).toHaveLength(0);
    expect(await actionsOfPlan()).toHaveLength(0);
    const res = await c.postMultipart(`${base}/spara`, { content: hidden(page, "content")!, digest: hidden(page, "digest")!, fileName: "plan.csv" });
    expect(res.status).toBe(303);
    const [goal] = await db.select().from(planGoals).where(eq(planGoals.focusAreaId, areaId));
    expect(goal).toMatchObject({ title: "Bredband till alla; även på landet", rule: "weighted", weight: 2 });
    const [action] = await actionsOfPlan();
    expect(action).toMatchObject({ ref: "A1", title: 'Gemensam upphandling av "stadsnät"', progress: 30, contactEmail: "kim@example.se" });
    const reports = await db.select().from(planReports).where(eq(planReports.actionId, action!.id));
    expect(reports.map((r) => [r.progress, r.comment])).toEqual([[30, "Inläst från fil"]]);
    // The export now holds them with their ids, and importing it again changes nothing.
    const after = await exportCsv();
    expect(after).toContain(`"mål";"${goal!.id}";"${areaId}"`);
    expect(after).toContain(`"${goal!.id}:3"`);
    const again = await (await c.postMultipart(base, { file: csvFile(after) })).text();
    expect(again).toContain("Filen ändrar ingenting i planen.");
    expect((await (await c.get(`/planer/${slug}`)).text())).toContain("Gemensam upphandling");
  });

  it("the XLSX holds the same lines, and a changed workbook comes back in as a report and an edit", async () => {
    const { c, base, slug, umea, exportCsv, actionsOfPlan } = await setup();
    const seeded = `${(await exportCsv()).trim()}\r\n"åtgärd";"";"";"B1";"2025";"E-arkiv";"";"";"";"";"Planerad";"";"${umea.name}";"";"";"";"";"";"";""`;
    const p = await (await c.postMultipart(base, { file: csvFile(seeded) })).text();
    expect((await c.postMultipart(`${base}/spara`, { content: hidden(p, "content")!, digest: hidden(p, "digest")! })).status).toBe(303);
    const xlsx = await c.get(`${base}/${slug}.xlsx`);
    expect(xlsx.headers.get("content-type")).toContain("spreadsheetml");
    const { default: ExcelJS } = await import("exceljs");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await xlsx.arrayBuffer()) as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    const rows: string[][] = [];
    sheet.eachRow((row) => rows.push(Array.from(row.values as unknown[]).slice(1).map((v) => String(v ?? ""))));
    const csv = (await exportCsv()).trim().split("\r\n").map((l) => l.slice(1, -1).split('";"'));
    expect(rows.map((r) => r.concat(Array(20 - r.length).fill("")))).toEqual(csv);
    // Edit the workbook as a person would: a new title and a progress figure.
    const action = rows.findIndex((r) => r[0] === "åtgärd");
    sheet.getRow(action + 1).getCell(6).value = "E-arkiv för alla kommuner";
    sheet.getRow(action + 1).getCell(11).value = "Pågår";
    sheet.getRow(action + 1).getCell(12).value = 40;
    const edited = Buffer.from(await wb.xlsx.writeBuffer());
    const page = await (await c.postMultipart(base, { file: new File([edited], "plan.xlsx") })).text();
    expect(page).toContain("2 ändringar att spara");
    expect(page).toContain("titel: ”E-arkiv” blir ”E-arkiv för alla kommuner”");
    expect(page).toContain("framsteg: ”Planerad” blir ”Pågår 40 %”");
    expect((await c.postMultipart(`${base}/spara`, { content: hidden(page, "content")!, digest: hidden(page, "digest")! })).status).toBe(303);
    const [a] = await actionsOfPlan();
    expect(a).toMatchObject({ title: "E-arkiv för alla kommuner", progress: 40 });
  });

  it("unknown ids, wrong kinds, a ring of actions, bad values and files that are not plans are refused with every reason, and change nothing", async () => {
    const { c, base, umea, exportCsv, actionsOfPlan } = await setup();
    const before = await exportCsv();
    const head = before.trim().split("\r\n");
    const areaId = /"fokusområde";"([0-9a-f-]{36})"/.exec(before)![1]!;
    const planId = /"plan";"([0-9a-f-]{36})"/.exec(before)![1]!;
    const bad = [
      `"mål";"6f1c2d1e-0000-4000-8000-000000000000";"${areaId}";"";"";"Okänt";"";"";"";"";"";"";"";"";"";"";"";"";"";""`,
      `"mål";"";"${planId}";"";"";"Under planen";"";"";"";"";"";"";"";"";"";"";"";"";"";""`,
      `"åtgärd";"r1";"";"R1";"2025";"Ring ett";"";"";"";"";"Pågår";"";"${umea.name}";"";"";"";"";"";"r2";""`,
      `"åtgärd";"r2";"";"R2";"2025";"Ring två";"";"";"";"";"Pågår";"";"${umea.name}";"";"";"";"";"";"r1";""`,
      `"åtgärd";"";"";"R3";"2025";"Fel värden";"";"";"";"";"Kanske";"140";"Ingen Sådan Kommun";"";"2025-12-01";"2025-01-01";"";"inte-en-adress";"";""`,
      `"grupp";"";"";"";"";"Vad är detta";"";"";"";"";"";"";"";"";"";"";"";"";"";""`,
    ];
    const res = await c.postMultipart(base, { file: csvFile([...head, ...bad].join("\r\n")) });
    expect(res.status).toBe(422);
    const page = await res.text();
    for (const text of [
      "Id 6f1c2d1e-0000-4000-8000-000000000000 finns inte i den här planen.",
      `${planId} är inte ett fokusområde.`,
      "Åtgärderna fortsätter varandra i en ring: R1 ← R2 ← R1.",
      "Okänd status. Skriv en av: Planerad, Pågår, Klar, Pausad, Avbruten.",
      "Organisationen ”Ingen Sådan Kommun” finns inte i registret.",
      "Startdatum kan inte vara efter slutdatum.",
      "Okänd typ. Skriv en av: plan, fokusområde, mål, åtgärd, milstolpe.",
    ])
      expect(page).toContain(text);
    expect(page).not.toContain('name="digest"');
    // Not a plan file at all: an image named .csv, a zip that is no workbook, a heading that is not ours.
    const png = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
    for (const [file, message] of [
      [new File([png], "plan.csv"), "Filen är varken en CSV-fil eller en Excel-fil (XLSX)."],
      [new File([Buffer.from("504b0304140000000000", "hex")], "plan.xlsx"), "Filen är varken en CSV-fil eller en Excel-fil (XLSX)."],
      [csvFile('"namn";"e-post"\r\n"Anna";"anna@example.se"'), "Rubrikraden stämmer inte"],
      [new File([Buffer.alloc(210 * 1024, 65)], "stor.csv"), "Filen är för stor. Den får vara högst 200 kB."],
    ] as const) {
      const r = await c.postMultipart(base, { file });
      expect(r.status).toBe(422);
      expect(await r.text()).toContain(message);
    }
    // Bigger than the server takes at all: refused before it is read.
    const huge = await c.postMultipart(base, { file: new File([Buffer.alloc(300 * 1024, 65)], "enorm.csv") });
    expect(huge.status).toBe(413);
    expect(await exportCsv()).toBe(before);
    expect(await actionsOfPlan()).toHaveLength(0);
  });

  it("an approval for other changes than the plan now would get is refused, and nothing is written", async () => {
    const { c, base, umea, exportCsv, statuses, slug } = await setup();
    const file = `${(await exportCsv()).trim()}\r\n"åtgärd";"";"";"C1";"2025";"Kompetenslyft";"";"";"";"";"Planerad";"";"${umea.name}";"";"";"";"";"";"";""`;
    const page = await (await c.postMultipart(base, { file: csvFile(file) })).text();
    // Meanwhile someone adds another action by the form: the plan is not what the dry run saw.
    expect((await c.post(`/planer/${slug}/hantera/ar`, { year: "2025" })).status).toBe(303);
    expect((await c.post(`/planer/${slug}/hantera/ar/2025/ny-atgard`, { ref: "C2", title: "Annat", description: "", statusId: statuses.planerad!.id, owner1: umea.id, owner2: "", owner3: "", contactName: "", contactEmail: "", startsOn: "", endsOn: "" })).status).toBe(303);
    const changedAlready = await exportCsv();
    // A forged digest is refused as stale.
    const res = await c.postMultipart(`${base}/spara`, { content: hidden(page, "content")!, digest: "forged" });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("Planen har ändrats sedan filen provlästes.");
    expect(await exportCsv()).toBe(changedAlready);
  });

  it("only those who manage the plan see, export or import its file", async () => {
    const { t, db, base, slug } = await setup();
    const stranger = new TestClient(t);
    await stranger.login((await makePerson(db)).email!);
    for (const path of [base, `${base}/${slug}.csv`, `${base}/${slug}.xlsx`]) {
      expect((await stranger.get(path)).status).toBe(403);
      expect([401, 303]).toContain((await new TestClient(t).get(path)).status);
    }
    expect((await stranger.postMultipart(base, { file: csvFile('"typ";"id";"titel"\r\n"plan";"";"x"') })).status).toBe(403);
  });
});
