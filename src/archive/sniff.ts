/**
 * What a file is, from its first bytes, and whether that is what its name says. Materials
 * are PDF and the common office formats (Office Open XML, OpenDocument, the older Office
 * files); anything else, or a file whose bytes and name disagree ("slides.pdf" that is a
 * zip, an .exe renamed .pptx), is refused.
 */
export const MATERIAL_TYPES = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  pptx: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  odt: "application/vnd.oasis.opendocument.text",
  ods: "application/vnd.oasis.opendocument.spreadsheet",
  odp: "application/vnd.oasis.opendocument.presentation",
  doc: "application/msword",
  xls: "application/vnd.ms-excel",
  ppt: "application/vnd.ms-powerpoint",
} as const;
export type MaterialKind = keyof typeof MATERIAL_TYPES;
export const MATERIAL_EXTENSIONS = Object.keys(MATERIAL_TYPES) as MaterialKind[];

export const extensionOf = (filename: string) => (/\.([a-z0-9]{1,5})$/i.exec(filename)?.[1] ?? "").toLowerCase();

/** The kinds these first bytes can be (an old Office file's bytes do not say which of the three it is). */
export function kindsOf(head: Buffer): MaterialKind[] {
  if (head.subarray(0, 5).toString("latin1") === "%PDF-") return ["pdf"];
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) return ["doc", "xls", "ppt"];
  if (head.length >= 30 && head.readUInt32LE(0) === 0x04034b50) {
    // OpenDocument: the first entry is "mimetype", stored, holding the type.
    const nameLength = head.readUInt16LE(26);
    const name = head.subarray(30, 30 + nameLength).toString("latin1");
    if (name === "mimetype") {
      const text = head.subarray(30 + nameLength + head.readUInt16LE(28), 30 + nameLength + head.readUInt16LE(28) + 60).toString("latin1");
      const kind = (["odt", "ods", "odp"] as const).find((k) => text.startsWith(MATERIAL_TYPES[k]));
      return kind ? [kind] : [];
    }
    // Office Open XML: the parts' names tell the kind (word/, xl/, ppt/), among the first entries.
    const names = head.toString("latin1");
    if (!names.includes("[Content_Types].xml")) return [];
    const found: MaterialKind[] = [];
    if (names.includes("word/")) found.push("docx");
    if (names.includes("xl/")) found.push("xlsx");
    if (names.includes("ppt/")) found.push("pptx");
    return found;
  }
  return [];
}

/** The content type to keep for a material named `filename` with these first bytes, or null when the two disagree. */
export function materialType(filename: string, head: Buffer): string | null {
  const ext = extensionOf(filename) as MaterialKind;
  if (!MATERIAL_EXTENSIONS.includes(ext)) return null;
  return kindsOf(head).includes(ext) ? MATERIAL_TYPES[ext] : null;
}
