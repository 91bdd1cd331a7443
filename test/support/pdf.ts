/**
 * Reading a PDF the app made, as a reader would: its pages, the text on each (real text,
 * not pictures of it), its structure tree and whether it is marked as tagged.
 */
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

export interface ReadPdf {
  pages: string[];
  /** Every structure element's role and alt text, in reading order. */
  structure: { role: string; alt?: string }[];
  tagged: boolean;
  /** The raw bytes, for what pdf.js does not tell (embedded font files). */
  bytes: Buffer;
}

type Node = { role?: string; alt?: string; children?: Node[] };

export async function readPdf(data: ArrayBuffer | Buffer): Promise<ReadPdf> {
  const bytes = Buffer.from(data as ArrayBuffer);
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false }).promise;
  const pages: string[] = [];
  const structure: ReadPdf["structure"] = [];
  const walk = (n: Node) => {
    if (n.role && n.role !== "Root") structure.push({ role: n.role, ...(n.alt ? { alt: n.alt } : {}) });
    for (const c of n.children ?? []) walk(c);
  };
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const text = await page.getTextContent();
    pages.push(text.items.map((it) => ("str" in it ? it.str : "")).join(" ").replace(/\s+/g, " ").trim());
    const tree = (await page.getStructTree()) as Node | null;
    if (tree) walk(tree);
  }
  const tagged = (await doc.getMarkInfo())?.Marked === true;
  await doc.destroy();
  return { pages, structure, tagged, bytes };
}
