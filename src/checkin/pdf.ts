/**
 * PDFs for the day: name badges (sheets of 8 or 10 on A4, or one 90×55 mm badge at a time)
 * and a printable ticket. Made with pdfkit as a stream: each page goes out as soon as it is
 * drawn, so a thousand badges never sit whole in memory. Fonts (DejaVu Sans) are embedded,
 * the text is real text, and the documents are tagged (a structure tree that a screen
 * reader follows; decoration marked as artifacts).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import QRCode from "qrcode";
import type { Translate } from "../i18n/messages.js";
import type { BadgeHolder, BadgeRole } from "./badges.js";

export const badgeLayouts = ["a4-10", "a4-8", "single"] as const;
export type BadgeLayout = (typeof badgeLayouts)[number];

const mm = (v: number) => (v * 72) / 25.4;
const A4 = { w: mm(210), h: mm(297) };

/** Cards on a page: size and where the first one sits. */
const LAYOUTS: Record<BadgeLayout, { page: { w: number; h: number }; card: { w: number; h: number }; cols: number; rows: number }> = {
  "a4-10": { page: A4, card: { w: mm(90), h: mm(55) }, cols: 2, rows: 5 },
  "a4-8": { page: A4, card: { w: mm(99), h: mm(67) }, cols: 2, rows: 4 },
  single: { page: { w: mm(90), h: mm(55) }, card: { w: mm(90), h: mm(55) }, cols: 1, rows: 1 },
};

/** Role bands, dark enough for white text (contrast ≥ 7:1) and distinct in print. */
const ROLE_COLOUR: Record<BadgeRole, string> = {
  speaker: "#1e3a8a",
  moderator: "#5b21b6",
  panellist: "#115e59",
  exhibitor: "#9a3412",
  organiser: "#14532d",
  staff: "#7f1d1d",
  participant: "#374151",
};

const require = createRequire(import.meta.url);
let fonts: { regular: Buffer; bold: Buffer; mono: Buffer } | undefined;
/** Read once per process; pdfkit embeds only the glyphs a document uses. */
function fontFiles() {
  fonts ??= {
    regular: readFileSync(require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf")),
    bold: readFileSync(require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf")),
    mono: readFileSync(require.resolve("dejavu-fonts-ttf/ttf/DejaVuSansMono.ttf")),
  };
  return fonts;
}

type Doc = InstanceType<typeof PDFDocument>;

function newDocument(title: string, lang: string, size: [number, number]): Doc {
  const doc = new PDFDocument({ size, margin: 0, autoFirstPage: false, tagged: true, lang, displayTitle: true, pdfVersion: "1.7", info: { Title: title, Creator: "Samverka" } });
  const f = fontFiles();
  doc.registerFont("Sans", f.regular);
  doc.registerFont("Sans-Bold", f.bold);
  doc.registerFont("Mono", f.mono);
  return doc;
}

/** Drawing that carries no meaning of its own (bands, cut lines). */
function artifact(doc: Doc, draw: () => void) {
  doc.markContent("Artifact", { type: "Layout" });
  draw();
  doc.endMarkedContent();
}

/** The QR code as filled squares (runs of dark modules per row), a vector that prints sharp at any size. */
function drawQr(doc: Doc, code: string, x: number, y: number, size: number) {
  const qr = QRCode.create(code, { errorCorrectionLevel: "M" });
  const n = qr.modules.size;
  const quiet = 2;
  const cell = size / (n + quiet * 2);
  doc.save().fillColor("#000000");
  for (let r = 0; r < n; r++) {
    let c = 0;
    while (c < n) {
      if (!qr.modules.get(r, c)) {
        c++;
        continue;
      }
      const start = c;
      while (c < n && qr.modules.get(r, c)) c++;
      doc.rect(x + (start + quiet) * cell, y + (r + quiet) * cell, (c - start) * cell, cell);
    }
  }
  doc.fill().restore();
}

/** The largest size (from `max` down to `min`) at which the text fits on one line. */
function fittedSize(doc: Doc, text: string, font: string, width: number, max: number, min: number): number {
  doc.font(font).fontSize(max);
  const w = doc.widthOfString(text);
  if (w <= width) return max;
  return Math.max(min, Math.floor(((max * width) / w) * 2) / 2);
}

const BACKLOG = 1 << 20;

/**
 * Lets the finished pages go out before more are drawn: the drawing waits while more
 * than a megabyte is unread (a slow connection) and stops when the reader has gone.
 */
async function readerKeepsUp(doc: Doc): Promise<boolean> {
  await new Promise((resolve) => setImmediate(resolve));
  while (!doc.destroyed && doc.readableLength > BACKLOG) {
    await new Promise((resolve) => {
      const done = () => {
        doc.off("data", done).off("close", done);
        resolve(undefined);
      };
      doc.on("data", done).on("close", done);
    });
  }
  return !doc.destroyed;
}

export interface BadgeOptions {
  layout: BadgeLayout;
  eventTitle: string;
  lang: "sv" | "en";
  t: Translate;
  /** A ticket code per badge (null: no QR), made while the pages are drawn. */
  qr: ((holder: BadgeHolder) => Promise<string | null>) | null;
}

/**
 * Draws the badges into a PDF stream. The returned document is readable at once; pages
 * are written as they are finished, and the stream ends after the last one.
 */
export function badgesPdf(holders: AsyncIterable<BadgeHolder> | Iterable<BadgeHolder>, o: BadgeOptions): Doc {
  const L = LAYOUTS[o.layout];
  const doc = newDocument(`${o.t("badges.pdfTitle")}: ${o.eventTitle}`, o.lang === "sv" ? "sv-SE" : "en-GB", [L.page.w, L.page.h]);
  const root = doc.struct("Document");
  doc.addStructure(root);
  const perPage = L.cols * L.rows;
  const left = (L.page.w - L.cols * L.card.w) / 2;
  const top = (L.page.h - L.rows * L.card.h) / 2;
  void (async () => {
    try {
      let i = 0;
      for await (const holder of holders) {
        if (i % perPage === 0) doc.addPage({ size: [L.page.w, L.page.h], margin: 0 });
        const slot = i % perPage;
        const x = left + (slot % L.cols) * L.card.w;
        const y = top + Math.floor(slot / L.cols) * L.card.h;
        const code = o.qr ? await o.qr(holder) : null;
        drawBadge(doc, root, holder, code, { x, y, w: L.card.w, h: L.card.h, cutLines: o.layout !== "single" }, o);
        i++;
        if (slot === perPage - 1 && !(await readerKeepsUp(doc))) return;
      }
      if (i === 0) {
        doc.addPage({ size: [L.page.w, L.page.h], margin: 0 });
        root.add(doc.struct("P", {}, () => doc.font("Sans").fontSize(10).fillColor("#000000").text(o.t("badges.none"), mm(8), mm(8), { width: L.page.w - mm(16) })));
      }
      root.end();
      doc.end();
    } catch (err) {
      doc.destroy(err instanceof Error ? err : new Error(String(err)));
    }
  })();
  return doc;
}

function drawBadge(doc: Doc, root: ReturnType<Doc["struct"]>, holder: BadgeHolder, code: string | null, box: { x: number; y: number; w: number; h: number; cutLines: boolean }, o: BadgeOptions) {
  const pad = mm(4);
  const band = box.h * 0.2;
  const qrSize = code ? Math.min(box.h - band - pad, mm(30)) : 0;
  const textW = box.w - pad * 2 - (code ? qrSize + mm(1) : 0);
  const div = doc.struct("Div");
  root.add(div);
  artifact(doc, () => {
    if (box.cutLines) doc.save().lineWidth(0.3).strokeColor("#9ca3af").rect(box.x, box.y, box.w, box.h).stroke().restore();
    doc.save().rect(box.x, box.y + box.h - band, box.w, band).fill(ROLE_COLOUR[holder.role]).restore();
  });
  const scale = box.h / mm(55);
  div.add(
    doc.struct("P", {}, () => {
      doc.font("Sans").fontSize(6.5 * scale).fillColor("#4b5563").text(o.eventTitle, box.x + pad, box.y + pad * 0.8, { width: box.w - pad * 2, lineBreak: false, ellipsis: true });
    }),
  );
  const nameSize = fittedSize(doc, holder.name, "Sans-Bold", textW, 17 * scale, 11 * scale);
  const nameY = box.y + pad + mm(4) * scale;
  div.add(
    doc.struct("H1", {}, () => {
      doc.font("Sans-Bold").fontSize(nameSize).fillColor("#000000").text(holder.name, box.x + pad, nameY, { width: textW, height: nameSize * 2.5, ellipsis: true });
    }),
  );
  const orgY = doc.y + mm(1);
  if (holder.organisationName) {
    div.add(
      doc.struct("P", {}, () => {
        doc.font("Sans").fontSize(fittedSize(doc, holder.organisationName!, "Sans", textW, 10 * scale, 7.5 * scale)).fillColor("#111827").text(holder.organisationName!, box.x + pad, orgY, { width: textW, height: 11 * scale * 2.4, ellipsis: true });
      }),
    );
  }
  div.add(
    doc.struct("P", {}, () => {
      doc.font("Sans-Bold").fontSize(9 * scale).fillColor("#ffffff").text(o.t(`badges.role.${holder.role}`).toUpperCase(), box.x + pad, box.y + box.h - band + (band - 9 * scale) / 2 - 1, { width: box.w - pad * 2, lineBreak: false, characterSpacing: 0.6 });
    }),
  );
  if (code) {
    div.add(doc.struct("Figure", { alt: o.t("badges.qrAlt", { name: holder.name }) }, () => drawQr(doc, code, box.x + box.w - pad - qrSize + mm(1.5), box.y + (box.h - band - qrSize) / 2, qrSize)));
  }
  div.end();
}

export interface TicketPdfInput {
  lang: "sv" | "en";
  t: Translate;
  eventTitle: string;
  when: string;
  where: string | null;
  name: string;
  organisationName: string | null;
  attendance: string;
  code: string;
}

/** One A4 page to print and bring: the event, who the ticket is for, and the QR code with its text. */
export function ticketPdf(p: TicketPdfInput): Doc {
  const doc = newDocument(`${p.t("checkin.ticket")}: ${p.eventTitle}`, p.lang === "sv" ? "sv-SE" : "en-GB", [A4.w, A4.h]);
  const root = doc.struct("Document");
  doc.addStructure(root);
  doc.addPage({ size: [A4.w, A4.h], margin: 0 });
  const x = mm(20);
  const w = A4.w - mm(40);
  const para = (font: string, size: number, text: string, gap = mm(3)) =>
    root.add(doc.struct("P", {}, () => doc.font(font).fontSize(size).fillColor("#000000").text(text, x, doc.y + gap, { width: w })));
  root.add(doc.struct("H1", {}, () => doc.font("Sans-Bold").fontSize(22).fillColor("#000000").text(p.eventTitle, x, mm(22), { width: w })));
  para("Sans", 12, p.when, mm(4));
  if (p.where) para("Sans", 12, p.where);
  para("Sans-Bold", 16, p.name, mm(8));
  if (p.organisationName) para("Sans", 12, p.organisationName, mm(1));
  para("Sans", 12, p.attendance, mm(2));
  const qrSize = mm(70);
  const qrY = doc.y + mm(8);
  root.add(doc.struct("Figure", { alt: p.t("checkin.qrAlt", { event: p.eventTitle }) }, () => drawQr(doc, p.code, (A4.w - qrSize) / 2, qrY, qrSize)));
  doc.y = qrY + qrSize + mm(4);
  para("Sans", 10, p.t("checkin.ticketCode"));
  root.add(doc.struct("P", {}, () => doc.font("Mono").fontSize(8).fillColor("#000000").text(p.code, x, doc.y + mm(1), { width: w })));
  para("Sans", 11, p.t("checkin.ticketLead"), mm(8));
  root.end();
  doc.end();
  return doc;
}
