import { expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { organisations } from "../../src/db/schema.js";
import { createOrganisation, importRegister, searchOrganisations } from "../../src/organisations/repository.js";
import { OrganisationInput } from "../../src/organisations/schemas.js";
import { parseInput } from "../../src/http/validation.js";
import { AppError } from "../../src/http/errors.js";
import { describeEachDriver } from "../support/db.js";

describeEachDriver("organisation register", (get) => {
  it("holds 21 regions and 290 municipalities, and importing again duplicates nothing", async () => {
    const { db } = get();
    await importRegister(db);
    const rows = await db.select({ kind: organisations.kind, n: sql<number>`count(*)::int` }).from(organisations).groupBy(organisations.kind);
    const counts = Object.fromEntries(rows.map((r) => [r.kind, r.n]));
    expect(counts.region).toBe(21);
    expect(counts.municipality).toBe(290);
  });

  it("finds by name, kommunkod, länskod and organisation number", async () => {
    const { db } = get();
    expect((await searchOrganisations(db, "2480"))[0]).toMatchObject({ name: "Umeå", municipalityCode: "2480", countyCode: "24" });
    expect((await searchOrganisations(db, "24"))[0]).toMatchObject({ kind: "region", name: "Region Västerbotten" });
    expect((await searchOrganisations(db, "skellef")).map((o) => o.name)).toContain("Skellefteå");
    expect((await searchOrganisations(db, "umeå", { kind: "municipality" })).map((o) => o.name)).toEqual(["Umeå"]);
    const agency = await createOrganisation(db, parseInput(OrganisationInput, { name: "Testmyndigheten", kind: "state_agency", orgNumber: "212000-0142" }));
    expect(agency.orgNumber).toBe("2120000142");
    expect((await searchOrganisations(db, "212000-0142"))[0]?.id).toBe(agency.id);
  });

  it("treats % and _ in a search as text", async () => {
    expect(await searchOrganisations(get().db, "%")).toEqual([]);
  });

  it("validates organisation numbers and refuses duplicates without changing anything", async () => {
    const { db } = get();
    expect(() => parseInput(OrganisationInput, { name: "X", kind: "company", orgNumber: "212000-0143" })).toThrow(AppError);
    expect(() => parseInput(OrganisationInput, { name: "X", kind: "municipality" })).toThrow(AppError);
    const before = await db.select({ n: sql<number>`count(*)::int` }).from(organisations);
    const err = await createOrganisation(db, parseInput(OrganisationInput, { name: "Kopia", kind: "company", orgNumber: "2120000142" })).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(409);
    expect(await db.select({ n: sql<number>`count(*)::int` }).from(organisations)).toEqual(before);
  });
});
