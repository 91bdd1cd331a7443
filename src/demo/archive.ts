/** Demo content of the archive: last year's conference's recordings (captioned and not) and a speaker's slides. */
import { sql } from "drizzle-orm";
import PDFDocument from "pdfkit";
import type { Db } from "../db/client.js";
import { rowsOf } from "../db/rows.js";
import { recordingPlace } from "../archive/recordings.js";
import { addMaterial, setCaptionsFile, setRecording } from "../archive/repository.js";
import { dbFileStore } from "../archive/storage.js";

const CAPTIONS = `WEBVTT

00:00:01.000 --> 00:00:05.000
Välkomna! Första steget handlar om att samla kraft och vilja.

00:00:05.500 --> 00:00:10.000
Nästa steg är att kunna: att ha kompetensen och verktygen.
`;

function slides(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: "A4", layout: "landscape", info: { Title: "E-tjänstesamverkan: 14 kommuner, en plattform" } });
    const parts: Buffer[] = [];
    doc.on("data", (b: Buffer) => parts.push(b)).on("end", () => resolve(Buffer.concat(parts))).on("error", reject);
    doc.fontSize(28).text("E-tjänstesamverkan", 60, 80).fontSize(18).text("14 kommuner, en plattform", 60, 130).text("Digitala Västerbotten 2025", 60, 170);
    doc.end();
  });
}

export async function seedArchive(db: Db, eventId: string, now: Date): Promise<void> {
  const sessions = new Map((await rowsOf<{ id: string; title: string }>(db, sql`select id, title_sv as title from program_sessions where event_id = ${eventId}`)).map((s) => [s.title, s.id]));
  const store = dbFileStore(db);
  const record = async (title: string, url: string, platformCaptions: boolean) => {
    const id = sessions.get(title);
    if (id) await setRecording(db, id, url, recordingPlace(url)!, platformCaptions, now);
    return id;
  };
  const keynote = await record("Att leda digital transformation", "https://www.youtube.com/watch?v=Dg1tV2025Vb", false);
  if (keynote) {
    const file = await store.put([Buffer.from(CAPTIONS)], { filename: "att-leda-digital-transformation.vtt", maxBytes: 1024 * 1024, identify: () => "text/vtt" });
    await setCaptionsFile(db, keynote, file.id, now);
  }
  await record("Digital strategi i länets kommuner", "https://regionvasterbotten.screen9.tv/media/Dv2025panel/digital-strategi", true);
  const etjanst = await record("E-tjänstesamverkan: 14 kommuner, en plattform", "https://teams.microsoft.com/l/meetup-join/demo-etjanstesamverkan", false);
  if (etjanst) {
    const file = await store.put([await slides()], { filename: "E-tjänstesamverkan.pdf", maxBytes: 50 * 1024 * 1024, identify: () => "application/pdf" });
    await addMaterial(db, etjanst, file.id, "Bildspel: E-tjänstesamverkan", now);
  }
}
