import { IncomingMessage } from "node:http";
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { AppError } from "../errors.js";
import type { AppEnv } from "../env.js";

const tooLarge = () => new AppError("payload_too_large", 413);

/** Bodies that are read as text (JSON, forms, plain text), decoded once here. */
const TEXT_TYPES = /^(application\/([\w.-]+\+)?json|application\/x-www-form-urlencoded|text\/)/i;
// As Request.text() decodes: UTF-8, a byte order mark dropped, bad bytes replaced.
const utf8 = new TextDecoder();

/**
 * The body of a request that may carry one, at most `maxBytes`; a larger one is refused
 * with 413 before the route runs. Under @hono/node-server it is read straight from
 * Node's request and put in Hono's body cache, so c.req.json(), text(), parseBody() and
 * the validators read it from there: no web Request and web stream are made for it,
 * which is a good part of the cost of a small POST. Elsewhere (app.request() in tests)
 * Hono's bodyLimit does the same through the web Request.
 */
export function readBody(maxBytes: number): MiddlewareHandler<AppEnv> {
  const throughWebRequest = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw tooLarge();
    },
  });
  return async function readBodyMiddleware(c, next) {
    if (c.req.method === "GET" || c.req.method === "HEAD" || c.get("streamedUpload")) return next();
    const incoming = (c.env as { incoming?: unknown } | undefined)?.incoming;
    if (!(incoming instanceof IncomingMessage)) return throughWebRequest(c, () => formReadable(c).then(next));
    if (Number(incoming.headers["content-length"]) > maxBytes) throw tooLarge();
    const body = await readIncoming(incoming, maxBytes);
    if (!body) throw tooLarge();
    // Read once: @hono/node-server makes c.req.raw's body of this, should anything ask for it.
    (incoming as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
    // Hono keeps promises in its body cache (HonoRequest#cachedBody), though it types the values.
    const cache = c.req.bodyCache as Record<string, Promise<unknown>>;
    cache.arrayBuffer = Promise.resolve(body.buffer.slice(body.byteOffset, body.byteOffset + body.length));
    if (TEXT_TYPES.test(c.req.header("content-type") ?? "")) cache.text = Promise.resolve(utf8.decode(body));
    await formReadable(c);
    return next();
  };
}

const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data)/i;

/**
 * A form body is parsed once here (Hono keeps the result for every later parseBody), so
 * one that cannot be read, such as a broken multipart body, is refused with 400 before
 * any middleware or route looks at it.
 */
async function formReadable(c: Context<AppEnv>): Promise<void> {
  if (!FORM_TYPES.test(c.req.header("content-type") ?? "")) return;
  try {
    await c.req.parseBody({ all: true });
  } catch (err) {
    throw new AppError("invalid_form", 400, { logMessage: `form body: ${err instanceof Error ? err.message : String(err)}` });
  }
}

/** The whole body, or null as soon as it is longer than `maxBytes` (the rest is let through unread). */
function readIncoming(incoming: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      incoming.off("data", onData).off("end", onEnd).off("error", onError).off("close", onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        done();
        incoming.resume(); // discarded, so the answer can still be sent on this connection
        resolve(null);
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      done();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (err: Error) => {
      done();
      reject(new AppError("incomplete_body", 400, { logMessage: `request body: ${err.message}` }));
    };
    // The client went away before the body was complete: nobody is left to answer.
    const onClose = () => onError(new Error("closed before the end"));
    incoming.on("data", onData).on("end", onEnd).on("error", onError).on("close", onClose);
  });
}
