/** The shipped register of counties/regions and municipalities (see data/README.md). */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export interface County {
  countyCode: string;
  countyName: string;
  regionName: string;
}
export interface Municipality {
  municipalityCode: string;
  name: string;
  countyCode: string;
}

export const REGISTER_SOURCE = "SCB, Län och kommuner i kodnummerordning (CC BY 4.0)";

function readTsv(file: string): string[][] {
  const text = readFileSync(fileURLToPath(new URL(`./data/${file}`, import.meta.url)), "utf8");
  return text
    .split("\n")
    .slice(1)
    .filter((line) => line.trim() !== "")
    .map((line) => line.split("\t").map((cell) => cell.trim()));
}

let cache: { counties: County[]; municipalities: Municipality[] } | null = null;

export function loadRegister(): { counties: County[]; municipalities: Municipality[] } {
  cache ??= {
    counties: readTsv("lan.tsv").map(([countyCode, countyName, regionName]) => ({
      countyCode: countyCode!,
      countyName: countyName!,
      regionName: regionName!,
    })),
    municipalities: readTsv("kommuner.tsv").map(([code, name]) => ({
      municipalityCode: code!,
      name: name!,
      countyCode: code!.slice(0, 2),
    })),
  };
  return cache;
}

export function countyName(code: string | null | undefined): string | null {
  if (!code) return null;
  return loadRegister().counties.find((c) => c.countyCode === code)?.countyName ?? null;
}

let municipalityNames: Map<string, string> | null = null;

export function municipalityName(code: string | null | undefined): string | null {
  if (!code) return null;
  municipalityNames ??= new Map(loadRegister().municipalities.map((m) => [m.municipalityCode, m.name]));
  return municipalityNames.get(code) ?? null;
}

export function regionName(code: string | null | undefined): string | null {
  if (!code) return null;
  return loadRegister().counties.find((c) => c.countyCode === code)?.regionName ?? null;
}
