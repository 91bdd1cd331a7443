import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

describe("configuration", () => {
  it("has working defaults", () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.DATA_DIR).toBe("./data");
    expect(c.SEED_DEMO).toBe(true);
    expect(c.publicUrl).toBe("http://localhost:3000");
  });
  it("lists every wrong value readably", () => {
    try {
      loadConfig({ PORT: "abc", DATABASE_URL: "mysql://x", SEED_DEMO: "maybe" });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const message = (err as Error).message;
      expect(message).toContain("PORT");
      expect(message).toContain("DATABASE_URL: must start with postgres://");
      expect(message).toContain("SEED_DEMO");
    }
  });
  it("reads SEED_DEMO=false", () => {
    expect(loadConfig({ SEED_DEMO: "false" }).SEED_DEMO).toBe(false);
  });
});
