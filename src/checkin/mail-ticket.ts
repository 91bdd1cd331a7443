/**
 * The ticket in a mail: the QR code as a PNG that the HTML part shows inline (cid), and
 * the code in text for clients that show no images. Made when the mail is sent, from the
 * registration as it is then: a cancelled one gets none, a re-issued one the new code.
 */
import { eq } from "drizzle-orm";
import QRCode from "qrcode";
import type { Db } from "../db/client.js";
import { registrations } from "../db/schema.js";
import { translate } from "../i18n/messages.js";
import { escapeHtml, type SendExtras } from "../mail/outbox.js";
import { ticketCode } from "./tickets.js";

export function ticketForMail(db: Db): SendExtras {
  return async ({ registrationId, locale }) => {
    const [r] = await db.select({ id: registrations.id, eventId: registrations.eventId, ticketVersion: registrations.ticketVersion, status: registrations.status }).from(registrations).where(eq(registrations.id, registrationId));
    if (!r || r.status !== "confirmed") return null;
    const code = await ticketCode(db, r);
    const png = await QRCode.toBuffer(code, { type: "png", errorCorrectionLevel: "M", margin: 2, width: 320 });
    const t = (key: "checkin.mail.ticket" | "checkin.mail.alt" | "checkin.ticketCode" | "checkin.ticketLead") => translate(locale, key);
    return {
      text: `${t("checkin.mail.ticket")}\n${t("checkin.ticketLead")}\n${t("checkin.ticketCode")}: ${code}`,
      html: `\n<h2>${escapeHtml(t("checkin.mail.ticket"))}</h2>\n<p>${escapeHtml(t("checkin.ticketLead"))}</p>\n<p><img src="cid:ticket-qr" alt="${escapeHtml(t("checkin.mail.alt"))}" width="240" height="240"></p>\n<p>${escapeHtml(t("checkin.ticketCode"))}:<br><code style="word-break:break-all">${escapeHtml(code)}</code></p>`,
      attachments: [{ filename: "biljett.png", content: png, contentType: "image/png", cid: "ticket-qr" }],
    };
  };
}
