import { describe, expect, it } from "vitest";
import { looksLikePersonnummer, luhnValid, maskPersonnummer } from "./personnummer.js";

describe("personnummer", () => {
  it("is found in every written form, also after a name and as a coordination number", () => {
    for (const text of ["Anna Berg 800101-1234", "19121212-1212", "121212-1212", "19800101 1234", "800101 1234", "800101+1234", "800161-1234", "198001011234", "Pnr: 200512241234", "8112189876"]) {
      expect(looksLikePersonnummer(text), text).toBe(true);
    }
  });

  it("leaves phone numbers, organisation numbers, dates, times and postcodes alone", () => {
    for (const text of ["Ring 090-123 45 67", "0701234567", "+46 70 123 45 67", "Umeå 2480", "212000-0142", "2026-11-21", "kl. 9.00–15.30", "903 25 Umeå", "8112189875", "Sal 2B, plan 3"]) {
      expect(looksLikePersonnummer(text), text).toBe(false);
    }
  });

  it("checks the last digit of ten in a row the way Skatteverket does", () => {
    expect(luhnValid("8112189876")).toBe(true);
    expect(luhnValid("8112189875")).toBe(false);
  });

  it("can be hidden in a report", () => {
    expect(maskPersonnummer("Anna Berg 800101-1234, tel 0701234567")).toBe("Anna Berg ••••••-••••, tel 0701234567");
  });
});
