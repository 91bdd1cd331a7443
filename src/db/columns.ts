/** Column types shared by every module's schema. */
import { customType } from "drizzle-orm/pg-core";

/** Bytes (PostgreSQL bytea), read and written as Node Buffers by both drivers. */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});
