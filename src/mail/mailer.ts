import nodemailer from "nodemailer";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** A calendar invite, sent as a text/calendar part with the same METHOD (RFC 6047). */
  ics?: { method: "REQUEST" | "CANCEL"; content: string };
  /** Stable Message-ID, so a retried send can be recognised as the same message. */
  messageId?: string;
  /** Files sent with the mail; one with a cid is an image the HTML part shows (<img src="cid:…">). */
  attachments?: MailAttachment[];
}

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
  cid?: string;
}

export interface StoredMail extends MailMessage {
  id: number;
  sentAt: Date;
}

export interface Mailer {
  readonly mode: "smtp" | "development";
  send(message: MailMessage): Promise<void>;
  /** The development mailbox (newest first); empty in SMTP mode. */
  recent(): StoredMail[];
  close(): Promise<void>;
}

/** SMTP when SMTP_URL is set; otherwise a development mailbox shown at /dev/mail and in the log. */
export function createMailer(options: { smtpUrl?: string; from: string; log?: (line: string) => void }): Mailer {
  if (options.smtpUrl) {
    // Short timeouts: a dead mail server must fail fast so the outbox can retry later.
    // Pooled connections: a rush sends hundreds of mails; one connection each would crawl.
    const transport = nodemailer.createTransport({
      url: options.smtpUrl,
      pool: true,
      maxConnections: 5,
      maxMessages: 500,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    } as Parameters<typeof nodemailer.createTransport>[0]);
    return {
      mode: "smtp",
      async send(m) {
        await transport.sendMail({
          from: options.from,
          to: m.to,
          subject: m.subject,
          text: m.text,
          html: m.html,
          ...(m.messageId ? { messageId: m.messageId } : {}),
          ...(m.attachments?.length ? { attachments: m.attachments.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType, ...(a.cid ? { cid: a.cid } : {}) })) } : {}),
          ...(m.ics ? { icalEvent: { method: m.ics.method, content: m.ics.content, filename: "inbjudan.ics" } } : {}),
        });
      },
      recent: () => [],
      close: async () => transport.close(),
    };
  }
  const box: StoredMail[] = [];
  let nextId = 1;
  const log = options.log ?? ((line: string) => console.log(line));
  return {
    mode: "development",
    async send(m) {
      box.unshift({ ...m, id: nextId++, sentAt: new Date() });
      box.length = Math.min(box.length, 100);
      log(`[mail] (development mode, not sent) to=${m.to} subject="${m.subject}"\n${m.text}`);
    },
    recent: () => [...box],
    close: async () => {},
  };
}
