import { describe, expect, it } from "vitest";
import { formatOrgNumber, isValidOrgNumber, luhnCheckDigit } from "./org-number.js";

describe("organisation numbers", () => {
  it("accepts valid numbers with or without hyphen", () => {
    expect(isValidOrgNumber("212000-0142")).toBe(true);
    expect(isValidOrgNumber("2120000142")).toBe(true);
    expect(isValidOrgNumber("202100-6545")).toBe(true);
  });
  it("rejects a wrong check digit, wrong length and letters", () => {
    expect(isValidOrgNumber("212000-0143")).toBe(false);
    expect(isValidOrgNumber("21200001")).toBe(false);
    expect(isValidOrgNumber("21200001420")).toBe(false);
    expect(isValidOrgNumber("21200A0142")).toBe(false);
    expect(isValidOrgNumber("")).toBe(false);
  });
  it("computes the Luhn digit and formats", () => {
    expect(luhnCheckDigit("212000014")).toBe(2);
    expect(formatOrgNumber("2120000142")).toBe("212000-0142");
  });
});
