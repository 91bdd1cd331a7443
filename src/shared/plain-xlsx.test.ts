/** The plain workbook writer, read back by ExcelJS (the reader the plan import uses) and checked part by part. */
import { unzipSync, strFromU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { plainXlsx } from "./plain-xlsx.js";

describe("a plain workbook", () => {
  it("holds every cell as text, the heading bold and frozen, and reads back the same", async () => {
    const rows = [
      ["typ", "id", "titel"],
      ["åtgärd", "6f1c2d1e-0000-4000-8000-000000000000", 'Upphandla "stadsnät" & <fiber> i Åsele'],
      ["mål", "", "Rad ett\nrad två"],
      ["åtgärd", "x", "=HYPERLINK(\"http://evil\")"],
      Array.from({ length: 30 }, (_, i) => `k${i}`),
    ];
    const bytes = plainXlsx("Plan: 2025/2027", rows);
    const parts = unzipSync(new Uint8Array(bytes));
    expect(Object.keys(parts).sort()).toEqual(["[Content_Types].xml", "_rels/.rels", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml"]);
    const sheet = strFromU8(parts["xl/worksheets/sheet1.xml"]!);
    expect(sheet).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
    expect(sheet).toContain('<c r="AD5" t="inlineStr"><is><t xml:space="preserve">k29</t></is></c>');
    expect(strFromU8(parts["xl/workbook.xml"]!)).toContain('<sheet name="Plan  2025 2027"');
    const { default: ExcelJS } = await import("exceljs");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const read: string[][] = [];
    ws.eachRow({ includeEmpty: true }, (row) => read.push(Array.from({ length: row.cellCount }, (_, i) => String(row.getCell(i + 1).value ?? ""))));
    expect(read).toEqual(rows.map((r, i) => (i === 3 ? ["åtgärd", "x", "'=HYPERLINK(\"http://evil\")"] : r)));
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
  });
});
