/**
 * Lists of people typed one per line, as organisers paste them from a spreadsheet or a
 * mail: "Anna Berg <anna.berg@umea.se>", "anna.berg@umea.se", optionally followed by how
 * they take part ("distans" / "på plats"). Every bad line is told by its number and what
 * is wrong with it ("rad 3: e-postadressen saknas"), all at once.
 */
import type { FieldError } from "../http/errors.js";
import { email as emailSchema, LIMITS } from "./fields.js";
import { looksLikePersonnummer } from "./personnummer.js";

export interface ListedPerson {
  email: string;
  name: string | null;
  /** When the line says so: "distans", "remote", "på plats", "onsite". */
  attendance: "onsite" | "remote" | null;
  line: number;
}

const ATTENDANCE: Record<string, "onsite" | "remote"> = { distans: "remote", "på distans": "remote", remote: "remote", "på plats": "onsite", plats: "onsite", onsite: "onsite" };

export function parsePeopleList(text: string, field: string, options: { nameRequired: boolean; max: number }): { people: ListedPerson[]; errors: FieldError[] } {
  const people: ListedPerson[] = [];
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    let rest = raw.trim();
    if (!rest) return;
    const problem = (key: FieldError["key"]) => errors.push({ field, key, params: { line } });
    let attendance: ListedPerson["attendance"] = null;
    const mode = /[\s,;]+(på distans|distans|remote|på plats|plats|onsite)$/i.exec(rest);
    if (mode) {
      attendance = ATTENDANCE[mode[1]!.toLowerCase()]!;
      rest = rest.slice(0, mode.index).trim();
    }
    const bracketed = /^"?([^"<]*?)"?\s*<([^>]*)>$/.exec(rest);
    const address = (bracketed ? bracketed[2]! : /\S*@\S*/.exec(rest)?.[0] ?? "").trim();
    const name = (bracketed ? bracketed[1]! : rest.replace(address, "")).replace(/[,;]+$/, "").trim() || null;
    if (!address) return problem("validation.line_email_missing");
    const parsed = emailSchema.safeParse(address);
    if (!parsed.success) return problem("validation.line_email_invalid");
    if (options.nameRequired && !name) return problem("validation.line_name_missing");
    if (name && name.length > LIMITS.name) return problem("validation.line_name_long");
    if (name && looksLikePersonnummer(name)) return problem("validation.line_personnummer");
    if (seen.has(parsed.data)) return problem("validation.line_twice");
    seen.add(parsed.data);
    people.push({ email: parsed.data, name, attendance, line });
  });
  if (people.length === 0 && errors.length === 0) errors.push({ field, key: "validation.required" });
  if (people.length > options.max) errors.push({ field, key: "validation.too_many_lines", params: { max: options.max } });
  return { people, errors };
}
