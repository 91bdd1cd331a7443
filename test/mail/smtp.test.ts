/** With SMTP_URL set, mail goes through SMTP: received here by an in-process server. */
import { afterAll, beforeAll, expect, it } from "vitest";
import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";
import type { AddressInfo } from "node:net";
import { createMailer } from "../../src/mail/mailer.js";
import { describeEachDriver } from "../support/db.js";
import { TestClient, createTestApp } from "../support/app.js";
import { createApp } from "../../src/app.js";

const received: ParsedMail[] = [];
let server: SMTPServer;
let port: number;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, _session, callback) {
      simpleParser(stream).then((m) => {
        received.push(m);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describeEachDriver("mail through SMTP", (get) => {
  it("sends the login link by SMTP when SMTP_URL is set", async () => {
    const base = createTestApp(get(), { SMTP_URL: `smtp://127.0.0.1:${port}` });
    const mailer = createMailer({ smtpUrl: base.deps.config.SMTP_URL, from: "Samverka <no-reply@samverka.local>" });
    const deps = { ...base.deps, mailer };
    const t = { ...base, deps, mailer, app: createApp(deps) };
    expect(mailer.mode).toBe("smtp");
    const res = await new TestClient(t).post("/logga-in", { email: "smtp@example.se" });
    expect(res.status).toBe(200);
    const mail = received.find((m) => (m.to as { text: string }).text === "smtp@example.se")!;
    expect(mail.subject).toBe("Din inloggningslänk till Samverka");
    expect(mail.text).toMatch(/http:\/\/localhost\/logga-in\/bekrafta\?token=/);
    expect(mail.from?.text).toContain("no-reply@samverka.local");
    await mailer.close();
  });
});
