/**
 * The embedded PostgreSQL (PGlite) in a worker thread (pglite-worker.js), spoken to with
 * PostgreSQL's wire protocol through node-postgres, exactly as a server is: the
 * application has one driver, and its own thread never waits while a query computes.
 *
 * `connect()` gives node-postgres a stream (its `stream` option) that carries the
 * protocol's bytes to the worker and PGlite's answers back; the worker lets several such
 * connections take turns on PGlite's one session (see there). The worker keeps the
 * process alive only while an answer is awaited, as an open query on a socket would.
 */
import { Duplex } from "node:stream";
import { Worker } from "node:worker_threads";

export interface PgliteEngine {
  /** A new connection's byte stream, for node-postgres (`new pg.Pool({ stream })`). */
  connect(): Duplex;
  /** Closes PGlite (its files are then consistent) and ends the thread. */
  close(): Promise<void>;
}

type FromWorker = { type: "ready" } | { type: "failed"; message: string } | { type: "data"; id: number; bytes: Uint8Array; done: boolean } | { type: "closed" };

/** How long closing may wait for PGlite to finish before the thread is stopped. */
const CLOSE_WAIT_MS = 10_000;

class EngineConnection extends Duplex {
  constructor(
    private readonly engine: WorkerEngine,
    readonly id: number,
  ) {
    super();
  }

  // What node-postgres asks of a socket.
  connect(): this {
    process.nextTick(() => (this.engine.failure ? this.destroy(this.engine.failure) : this.emit("connect")));
    return this;
  }
  setNoDelay(): this {
    return this;
  }
  setKeepAlive(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    done(this.engine.send(this.id, chunk));
  }

  override _writev(chunks: { chunk: Buffer }[], done: (error?: Error | null) => void): void {
    done(this.engine.send(this.id, Buffer.concat(chunks.map((c) => c.chunk))));
  }

  override _read(): void {}

  override _final(done: (error?: Error | null) => void): void {
    this.engine.detach(this.id);
    this.push(null);
    done();
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    this.engine.detach(this.id);
    done(error);
  }
}

class WorkerEngine implements PgliteEngine {
  private readonly connections = new Map<number, EngineConnection>();
  private nextId = 1;
  /** Connections that have sent a query and await its answer: the worker holds the process open while there are any. */
  private readonly awaiting = new Set<number>();
  failure: Error | null = null;
  private closing: Promise<void> | null = null;
  private onClosed: (() => void) | null = null;

  constructor(private readonly worker: Worker) {
    worker.on("message", (m: FromWorker) => this.receive(m));
    worker.on("error", (err) => this.fail(err.message));
    worker.on("exit", () => this.fail("the database thread stopped"));
    worker.unref();
  }

  connect(): Duplex {
    const connection = new EngineConnection(this, this.nextId++);
    this.connections.set(connection.id, connection);
    return connection;
  }

  /** Hands bytes to the worker; an error when the engine has failed or is closed. */
  send(id: number, chunk: Buffer): Error | null {
    if (this.failure) return this.failure;
    // A copy of exactly these bytes, moved (not copied again) to the worker.
    const bytes = new Uint8Array(chunk);
    this.await(id, true);
    this.worker.postMessage({ type: "data", id, bytes }, [bytes.buffer]);
    return null;
  }

  detach(id: number): void {
    this.await(id, false);
    if (!this.connections.delete(id)) return;
    if (!this.failure) this.worker.postMessage({ type: "end", id });
  }

  private receive(m: FromWorker): void {
    if (m.type === "data") {
      this.await(m.id, !m.done);
      this.connections.get(m.id)?.push(Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength));
    } else if (m.type === "failed") {
      this.fail(m.message);
    } else if (m.type === "closed") {
      this.onClosed?.();
    }
  }

  private await(id: number, awaiting: boolean): void {
    const before = this.awaiting.size;
    if (awaiting) this.awaiting.add(id);
    else this.awaiting.delete(id);
    if (before === 0 && this.awaiting.size > 0) this.worker.ref();
    else if (before > 0 && this.awaiting.size === 0) this.worker.unref();
  }

  private fail(message: string): void {
    if (this.failure) return;
    // errors.ts answers "PGlite is closed" with 503, as a lost database connection.
    this.failure = new Error(`PGlite is closed: ${message}`);
    for (const connection of [...this.connections.values()]) connection.destroy(this.failure);
    this.connections.clear();
    this.awaiting.clear();
    this.onClosed?.();
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      if (!this.failure) {
        this.worker.ref();
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, CLOSE_WAIT_MS);
          this.onClosed = () => {
            clearTimeout(timer);
            resolve();
          };
          this.worker.postMessage({ type: "close" });
        });
      }
      this.failure ??= new Error("PGlite is closed");
      await this.worker.terminate();
    })();
    return this.closing;
  }
}

export interface EngineOptions {
  /** A database to start from: a tar file written by `dumpTo` (the folder must hold none yet). */
  load?: string;
  /** Closing writes the database to this tar file first. */
  dumpTo?: string;
}

/** Starts PGlite on `path` (a folder, or "memory://") in its own thread; resolves when it answers. */
export async function startPgliteEngine(path: string, options: EngineOptions = {}): Promise<PgliteEngine> {
  // Plain JavaScript, loaded by Node itself: no loader of tsx or vitest is needed in the thread.
  const worker = new Worker(new URL("./pglite-worker.js", import.meta.url), { workerData: { path, ...options }, execArgv: [] });
  let onExit: (code: number) => void = () => {};
  const ready = await new Promise<FromWorker>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
    worker.once("exit", (onExit = (code) => reject(new Error(`the database thread stopped (exit code ${code})`))));
  }).finally(() => worker.off("exit", onExit));
  if (ready.type !== "ready") {
    await worker.terminate();
    throw new Error(ready.type === "failed" ? ready.message : "the database thread did not start");
  }
  return new WorkerEngine(worker);
}
