// @ts-check
/**
 * The embedded database in a thread of its own (src/db/pglite-engine.ts starts it).
 *
 * PGlite is PostgreSQL compiled to WebAssembly: whatever thread runs it computes every
 * query there. Here that is this worker, so the server's own thread only parses HTTP,
 * runs the application and speaks PostgreSQL's wire protocol (through node-postgres, as
 * to a real server); a long query never stops it from answering, and two cores work.
 *
 * PGlite is one session; the main thread opens several connections to it, so that the
 * next query is already here when one finishes. Each message is run by PGlite's
 * documented execProtocolRawSync, and the connections take turns the way a server's
 * sessions would never notice:
 * - a connection holds the session from the first message of a query until its Sync (or
 *   simple Query) is answered, and for as long as it then stays in a transaction; the
 *   others' messages wait, in arrival order;
 * - prepared statements are named per connection (node-postgres names them per
 *   connection, and two connections may prepare the same name);
 * - a connection that ends in the middle of a transaction has it rolled back, and its
 *   prepared statements are dropped.
 * COPY is not supported (the application does not use it).
 *
 * Plain JavaScript on purpose: a worker is loaded by Node itself, outside tsx and vitest.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";

const port = /** @type {import("node:worker_threads").MessagePort} */ (parentPort);

const PARSE = 0x50; // 'P'
const BIND = 0x42; // 'B'
const DESCRIBE = 0x44; // 'D'
const CLOSE = 0x43; // 'C'
const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'
const FLUSH = 0x48; // 'H'
const TERMINATE = 0x58; // 'X'
const STATEMENT = 0x53; // 'S' in Describe and Close: a statement, not a portal

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A protocol message: its type, its length, its body. */
function message(type, body) {
  const m = new Uint8Array(5 + body.length);
  m[0] = type;
  new DataView(m.buffer).setInt32(1, 4 + body.length);
  m.set(body, 5);
  return m;
}
const simpleQuery = (text) => message(QUERY, encoder.encode(`${text}\0`));
const syncMessage = message(SYNC, new Uint8Array(0));

/** @type {{ path: string, load?: string, dumpTo?: string }} load: a database to start from (PGlite's tar); dumpTo: where to write one when closing. */
const options = workerData;

let db;
try {
  db = new PGlite(options.path, options.load ? { loadDataDir: new Blob([readFileSync(options.load)]) } : {});
  await db.waitReady;
} catch (err) {
  port.postMessage({ type: "failed", message: err instanceof Error ? err.message : String(err) });
  process.exit(1);
}

/**
 * @typedef {object} Connection
 * @property {number} id
 * @property {Uint8Array} pending bytes received and not yet run
 * @property {boolean} started its startup message has come
 * @property {boolean} ready its startup (and password) answered with ReadyForQuery
 * @property {boolean} inQuery between a query's first message and its Sync
 * @property {boolean} ended the main thread closed it; cleaned up when its turn comes
 * @property {Set<string>} statements prepared statements, by their name in the session
 * @property {Uint8Array[]} answers PGlite's answers not yet sent
 */

/** @type {Map<number, Connection>} */
const connections = new Map();
/** @type {Connection[]} Connections with something to run, in arrival order. */
const line = [];
/** @type {Connection | null} The connection that holds the session. */
let holder = null;
/** How PGlite ended the first connection's startup (AuthenticationOk … ReadyForQuery): every later connection gets the same. */
let startupAnswer = null;

/** Whether PGlite's answer ends with ReadyForQuery ('Z', length 5, status). */
const endsReady = (a) => a.length >= 6 && a[a.length - 6] === 0x5a && a[a.length - 2] === 5 && a[a.length - 3] === 0;

/** The next whole message a connection has sent, or null. */
function nextMessage(c) {
  const header = c.started ? 5 : 4; // the startup message has no type byte
  if (c.pending.length < header) return null;
  const view = new DataView(c.pending.buffer, c.pending.byteOffset, c.pending.byteLength);
  const length = c.started ? 1 + view.getInt32(1) : view.getInt32(0);
  if (c.pending.length < length) return null;
  const m = c.pending.subarray(0, length);
  c.pending = c.pending.subarray(length);
  return m;
}

/** The message with the NUL-terminated string at `at` named for this connection. */
function renamed(c, m, at) {
  const end = m.indexOf(0, at);
  if (end === at) return m; // the unnamed statement lives only until the next Sync
  const name = `c${c.id}_${decoder.decode(m.subarray(at, end))}`;
  if (m[0] === PARSE) c.statements.add(name);
  if (m[0] === CLOSE) c.statements.delete(name);
  const bytes = encoder.encode(name);
  const out = new Uint8Array(m.length - (end - at) + bytes.length);
  out.set(m.subarray(0, at));
  out.set(bytes, at);
  out.set(m.subarray(end), at + bytes.length);
  new DataView(out.buffer).setInt32(1, out.length - 1);
  return out;
}

/** Prepared-statement names in Parse, Bind, Describe and Close, made this connection's own. */
function ownNames(c, m) {
  switch (m[0]) {
    case PARSE:
      return renamed(c, m, 5);
    case BIND:
      return renamed(c, m, m.indexOf(0, 5) + 1); // after the portal's name
    case DESCRIBE:
    case CLOSE:
      return m[5] === STATEMENT ? renamed(c, m, 6) : m;
    default:
      return m;
  }
}

function execute(c, m) {
  const answer = db.execProtocolRawSync(m);
  if (c && answer.length) c.answers.push(answer);
}

/** Sends a connection what PGlite answered; `done`: nothing more is owed to it for now. */
function send(c, done) {
  const size = c.answers.reduce((n, a) => n + a.length, 0);
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const a of c.answers) {
    bytes.set(a, at);
    at += a.length;
  }
  c.answers = [];
  port.postMessage({ type: "data", id: c.id, bytes, done }, [bytes.buffer]);
}

/** What an ended connection leaves behind is undone: its query, its transaction, its statements. */
function cleanUp(c) {
  if (c.inQuery) execute(null, syncMessage);
  if (db.isInTransaction()) execute(null, simpleQuery("ROLLBACK"));
  for (const name of c.statements) execute(null, simpleQuery(`DEALLOCATE "${name.replaceAll('"', '""')}"`));
  connections.delete(c.id);
}

/** Runs one message of connection `c`; returns whether `c` still holds the session. */
function run(c, m) {
  if (!c.ready) {
    // Startup, and the password PGlite asks the first connection for (any is accepted).
    const first = !c.started;
    c.started = true;
    if (first && startupAnswer !== null) c.answers.push(startupAnswer);
    else execute(c, m);
    const answer = c.answers.at(-1);
    c.ready = answer !== undefined && endsReady(answer);
    if (c.ready) startupAnswer ??= answer;
    send(c, c.ready);
    return false;
  }
  const type = m[0];
  if (type === TERMINATE) return c.inQuery || db.isInTransaction();
  execute(c, ownNames(c, m));
  if (type === SYNC || type === QUERY) {
    c.inQuery = false;
    send(c, true);
    return db.isInTransaction();
  }
  c.inQuery = true;
  if (type === FLUSH) send(c, false);
  return true;
}

/** Runs what can run: the holder's messages, else the first in line's. */
function pump() {
  for (;;) {
    const c = holder ?? line.find((x) => x.ended || x.pending.length > 0);
    if (!c) return;
    if (c.ended) {
      cleanUp(c);
      line.splice(line.indexOf(c), 1);
      if (holder === c) holder = null;
      continue;
    }
    const m = nextMessage(c);
    if (!m) {
      if (holder === c) return; // the session waits for the rest of its query
      line.splice(line.indexOf(c), 1);
      continue;
    }
    holder = run(c, m) ? c : null;
    if (!holder && c.pending.length > 0) {
      // Its next query goes to the back of the line.
      line.splice(line.indexOf(c), 1);
      line.push(c);
    }
  }
}

port.on("message", async (m) => {
  try {
    if (m.type === "data") {
      let c = connections.get(m.id);
      if (!c) connections.set(m.id, (c = { id: m.id, pending: new Uint8Array(0), started: false, ready: false, inQuery: false, ended: false, statements: new Set(), answers: [] }));
      const joined = new Uint8Array(c.pending.length + m.bytes.length);
      joined.set(c.pending);
      joined.set(m.bytes, c.pending.length);
      c.pending = joined;
      if (!line.includes(c)) line.push(c);
      pump();
    } else if (m.type === "end") {
      const c = connections.get(m.id);
      if (!c) return;
      c.ended = true;
      c.pending = new Uint8Array(0);
      if (!line.includes(c)) line.push(c);
      pump();
    } else if (m.type === "close") {
      if (options.dumpTo) {
        // Everything written to the data files first: the tar is then a database at rest.
        await db.exec("CHECKPOINT");
        // Into a folder of the template's own making, renamed into place once whole (pglite-template.ts).
        const tar = await db.dumpDataDir("none");
        writeFileSync(options.dumpTo, new Uint8Array(await tar.arrayBuffer()));
      }
      await db.close();
      port.postMessage({ type: "closed" });
    }
  } catch (err) {
    // PGlite itself failed (a query's error is an answer, not this): nothing more can run.
    port.postMessage({ type: "failed", message: err instanceof Error ? err.message : String(err) });
  }
});

port.postMessage({ type: "ready" });
