/**
 * Captions are WebVTT, checked on upload with W3C's own parser (webvtt-parser, the one
 * behind the W3C validator): a file it finds any error in is refused with the line and
 * what is wrong, in Swedish for the errors people make most, as the parser says it otherwise.
 */
import { createRequire } from "node:module";
import type { Locale } from "../i18n/messages.js";

const require = createRequire(import.meta.url);
const { WebVTTParser } = require("webvtt-parser") as { WebVTTParser: new () => { parse(input: string, mode: "metadata"): { cues: unknown[]; errors: { message: string; line: number; col?: number }[] } } };

export const MAX_CAPTION_BYTES = 1024 * 1024;

export interface CaptionProblem {
  line: number;
  message: string;
}

const SWEDISH: [RegExp, string][] = [
  [/^No valid signature/, "Filen måste börja med ”WEBVTT”."],
  [/^No blank line after the signature/, "Efter ”WEBVTT” ska en tom rad komma."],
  [/^No decimal separator/, "Tiden ska ha punkt före millisekunderna (00:00:01.000), inte komma."],
  [/^End timestamp is not greater than start timestamp/, "Sluttiden är inte efter starttiden."],
  [/^Timestamp not representing a number|^No timestamp found|^Timestamp must|timestamp/i, "Tiden är inte skriven som 00:00:01.000 --> 00:00:04.000."],
  [/^Cue identifier cannot be standalone/, "En rad står ensam där en tid ska följa."],
];

/** The file's cues, or every problem the parser found (at most 20), told in `locale`. */
export function checkWebVtt(bytes: Buffer, locale: Locale): { ok: true; cues: number } | { ok: false; problems: CaptionProblem[] } {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, problems: [{ line: 1, message: locale === "sv" ? "Filen är inte sparad som UTF-8." : "The file is not saved as UTF-8." }] };
  }
  if (text.includes("\u0000")) return { ok: false, problems: [{ line: 1, message: locale === "sv" ? "Filen är inte en textfil." : "The file is not a text file." }] };
  const result = new WebVTTParser().parse(text.replace(/^\uFEFF/, ""), "metadata");
  if (result.errors.length === 0 && result.cues.length > 0) return { ok: true, cues: result.cues.length };
  const problems = result.errors.slice(0, 20).map((e) => ({ line: e.line, message: locale === "sv" ? (SWEDISH.find(([re]) => re.test(e.message))?.[1] ?? e.message) : e.message }));
  if (problems.length === 0) problems.push({ line: 1, message: locale === "sv" ? "Filen har inga repliker (inga tider med text)." : "The file has no cues (no timings with text)." });
  return { ok: false, problems };
}
