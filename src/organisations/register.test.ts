import { describe, expect, it } from "vitest";
import { loadRegister } from "./register.js";

describe("SCB register shipped as data", () => {
  const { counties, municipalities } = loadRegister();
  it("has 21 regions and 290 municipalities", () => {
    expect(counties).toHaveLength(21);
    expect(municipalities).toHaveLength(290);
  });
  it("has unique, well-formed codes whose county exists", () => {
    const countyCodes = new Set(counties.map((c) => c.countyCode));
    expect(countyCodes.size).toBe(21);
    expect(new Set(municipalities.map((m) => m.municipalityCode)).size).toBe(290);
    for (const m of municipalities) {
      expect(m.municipalityCode).toMatch(/^\d{4}$/);
      expect(countyCodes.has(m.municipalityCode.slice(0, 2))).toBe(true);
    }
  });
  it("knows the codes the product is designed around", () => {
    expect(municipalities.find((m) => m.municipalityCode === "2480")?.name).toBe("Umeå");
    expect(counties.find((c) => c.countyCode === "24")?.regionName).toBe("Region Västerbotten");
    expect(municipalities.filter((m) => m.countyCode === "24")).toHaveLength(15);
    expect(municipalities.find((m) => m.municipalityCode === "1496")?.name).toBe("Skövde");
  });
});
