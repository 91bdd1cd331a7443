import { describe, expect, it } from "vitest";
import { dateTimeRange, isoDate, isoWeek, longDate, shiftStockholmDays, stockholmToInstant, timeRange } from "./format.js";

describe("Swedish date and time formats", () => {
  const start = stockholmToInstant("2019-11-21", "09:00")!;
  const end = stockholmToInstant("2019-11-21", "15:30")!;

  it("writes dates and times the Swedish way", () => {
    expect(longDate(start, "sv")).toBe("21 november 2019");
    expect(isoDate(start)).toBe("2019-11-21");
    expect(timeRange(start, end, "sv")).toBe("kl. 9.00–15.30");
    expect(dateTimeRange(start, end, "sv")).toBe("21 november 2019, kl. 9.00–15.30");
  });

  it("has English equivalents", () => {
    expect(longDate(start, "en")).toBe("21 November 2019");
    expect(timeRange(start, end, "en")).toBe("09:00–15:30");
  });

  it("spans days", () => {
    const s = stockholmToInstant("2027-10-14", "10:00")!;
    const e = stockholmToInstant("2027-10-15", "15:00")!;
    expect(dateTimeRange(s, e, "sv")).toBe("14 oktober 2027 kl. 10.00 – 15 oktober 2027 kl. 15.00");
  });

  it("reads wall-clock time in Europe/Stockholm, winter and summer", () => {
    expect(stockholmToInstant("2019-11-21", "09:00")!.toISOString()).toBe("2019-11-21T08:00:00.000Z");
    expect(stockholmToInstant("2026-06-10", "09:00")!.toISOString()).toBe("2026-06-10T07:00:00.000Z");
  });

  it("refuses the hour skipped when summer time starts, and invalid dates", () => {
    expect(stockholmToInstant("2026-03-29", "02:30")).toBeNull();
    expect(stockholmToInstant("2026-02-30", "10:00")).toBeNull();
    expect(stockholmToInstant("2026-13-01", "10:00")).toBeNull();
    expect(stockholmToInstant("2026-01-01", "24:00")).toBeNull();
    expect(stockholmToInstant("not a date", "10:00")).toBeNull();
  });

  it("keeps 9.00 at 9.00 when moving across a daylight-saving change", () => {
    const winter = stockholmToInstant("2026-03-20", "09:00")!;
    const moved = shiftStockholmDays(winter, 14);
    expect(moved.toISOString()).toBe("2026-04-03T07:00:00.000Z");
    expect(timeRange(moved, moved, "sv")).toBe("kl. 9.00–9.00");
  });

  it("numbers ISO weeks", () => {
    expect(isoWeek(stockholmToInstant("2019-11-21", "12:00")!)).toBe(47);
    expect(isoWeek(stockholmToInstant("2021-01-03", "12:00")!)).toBe(53);
    expect(isoWeek(stockholmToInstant("2026-12-31", "12:00")!)).toBe(53);
    expect(isoWeek(stockholmToInstant("2027-01-04", "12:00")!)).toBe(1);
  });
});
