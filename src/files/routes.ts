import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../http/env.js";
import { notFound } from "../http/errors.js";
import { findFile } from "./repository.js";

export const fileRoutes = new Hono<AppEnv>();

/** An uploaded image. Files never change (a new upload is a new id), so they are cached for a year. */
fileRoutes.get("/filer/:id", async (c) => {
  const id = c.req.param("id");
  if (!z.uuid().safeParse(id).success) throw notFound();
  const file = await findFile(c.get("deps").db, id);
  if (!file) throw notFound();
  return c.body(new Uint8Array(file.bytes), 200, {
    "Content-Type": file.contentType,
    "Cache-Control": "public, max-age=31536000, immutable",
    "X-Content-Type-Options": "nosniff",
  });
});
