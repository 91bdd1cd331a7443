import { describe, expect, it } from "vitest";
import { textParts } from "./catalog.js";

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
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
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
});
