/** An in-process SMTP server that can be switched off and counts what it receives. */
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface TestSmtp {
  url: string;
  received: { to: string; messageId: string; subject: string }[];
  setAccepting(on: boolean): void;
  close(): Promise<void>;
}

export async function startSmtp(): Promise<TestSmtp> {
  let accepting = true;
  const received: TestSmtp["received"] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onConnect(_session, cb) {
      cb(accepting ? undefined : Object.assign(new Error("service not available"), { responseCode: 421 }));
    },
    onData(stream, session, cb) {
      let raw = "";
      stream.on("data", (d: Buffer) => (raw += d.toString("utf8")));
      stream.on("end", () => {
        received.push({
          to: session.envelope.rcptTo[0]!.address,
          messageId: /^Message-ID:\s*(.+)$/im.exec(raw)?.[1]?.trim() ?? "",
          subject: /^Subject:\s*(.+)$/im.exec(raw)?.[1]?.trim() ?? "",
        });
        cb();
      });
    },
  });
  // A connection reset by a client is that client's end, not the mail server's: an app
  // instance killed with SIGKILL while its pooled SMTP connection is open resets it, and
  // smtp-server reports that as an 'error' event, which unheard would end the test run.
  // What the tests prove (each mail received once) is counted in `received`.
  server.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code !== "ECONNRESET") throw err;
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    setAccepting: (on) => {
      accepting = on;
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}

export async function until(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<number> {
  const start = Date.now();
  for (;;) {
    if (await check()) return Date.now() - start;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
