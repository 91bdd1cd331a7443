import { describe, expect, it } from "vitest";
import { textParts } from "./catalog.js";
import { translate } from "./messages.js";

describe("texts", () => {
  it("defines every key in one place only, so no module's text silently replaces another's", () => {
    const owner = new Map<string, string>();
    const twice: string[] = [];
    for (const [part, { sv }] of Object.entries(textParts)) {
      for (const key of Object.keys(sv)) {
        if (owner.has(key)) twice.push(`${key} (${owner.get(key)} and ${part})`);
        owner.set(key, part);
      }
    }
    expect(twice).toEqual([]);
  });

  it("has the same keys and placeholders in Swedish and English", () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)[}|]/g)].map((m) => m[1]).sort();
    const mismatches: string[] = [];
    for (const [part, { sv, en }] of Object.entries(textParts)) {
      expect(Object.keys(en).sort(), part).toEqual(Object.keys(sv).sort());
      for (const [key, text] of Object.entries(sv)) {
        const english = (en as Record<string, string>)[key]!;
        if (placeholders(text).join() !== placeholders(english).join()) mismatches.push(`${part}: ${key}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("words a count by the language's plural rule", () => {
    expect(translate("sv", "reg.placesLeft", { count: 1 })).toBe("1 plats kvar");
    expect(translate("sv", "reg.placesLeft", { count: 49 })).toBe("49 platser kvar");
    expect(translate("en", "reg.placesLeft", { count: 1 })).toBe("1 place left");
    expect(translate("en", "reg.placesLeft", { count: 0 })).toBe("0 places left");
  });

  it("has a count's one and other forms in every text that chooses by a number", () => {
    const broken: string[] = [];
    for (const [part, { sv, en }] of Object.entries(textParts)) {
      for (const [key, text] of [...Object.entries(sv), ...Object.entries(en)]) {
        // Every choice is {name|one|other}; a stray | or a choice without # is a slip.
        for (const m of text.matchAll(/\{(\w+)\|([^{}]*)\}/g)) if (m[2]!.split("|").length !== 2) broken.push(`${part}: ${key}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
