/** Rows of a query written in SQL, for every module (both drivers answer { rows }). */
import type { SQL } from "drizzle-orm";
import type { Db } from "./client.js";

export async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  return ((await db.execute(query)) as unknown as { rows: T[] }).rows;
}
