import { enTexts, svTexts, type MessageKey } from "./catalog.js";

export type { MessageKey };
export const locales = ["sv", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "sv";

const dictionaries: Record<Locale, Record<MessageKey, string>> = { sv: svTexts, en: enTexts };

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export function isLocale(value: unknown): value is Locale {
  return value === "sv" || value === "en";
}

const pluralRules: Record<Locale, Intl.PluralRules> = { sv: new Intl.PluralRules("sv"), en: new Intl.PluralRules("en") };

/**
 * Fills a text's {name} placeholders. A number that decides the wording is written
 * {name|one|other}, with # for the number: "{count|# plats kvar|# platser kvar}" gives
 * "1 plats kvar" and "2 platser kvar" (the language's own plural rule decides).
 */
export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  const template = dictionaries[locale][key] ?? svTexts[key] ?? key;
  if (!params) return template;
  return template
    .replace(/\{(\w+)\|([^{}|]*)\|([^{}|]*)\}/g, (m, name: string, one: string, other: string) => {
      if (!(name in params)) return m;
      const n = Number(params[name]);
      return (pluralRules[locale].select(n) === "one" ? one : other).replace(/#/g, String(params[name]));
    })
    .replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}

/** Picks the text in the reader's language, falling back to Swedish. */
export function pick(locale: Locale, sv: string, en: string | null | undefined): string {
  return locale === "en" && en ? en : sv;
}

/** Capitalises the first letter; field names are stored in running-text case. */
export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
