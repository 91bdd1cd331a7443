/**
 * Tests never reach the internet: any connection to a host that is not this machine
 * fails the test loudly (as Outline does with onUnhandledRequest: "error").
 */
import net from "node:net";

const allowed = new Set(["127.0.0.1", "::1", "localhost", "0.0.0.0", "::ffff:127.0.0.1"]);
const originalConnect = net.Socket.prototype.connect;

function hostOf(args: unknown[]): string | undefined {
  const first = args[0];
  if (first && typeof first === "object") {
    const o = first as { host?: string; path?: string };
    if (o.path) return "localhost"; // Unix socket
    return o.host ?? "localhost";
  }
  if (typeof first === "number") return typeof args[1] === "string" ? args[1] : "localhost";
  if (typeof first === "string") return "localhost"; // Unix socket path
  return undefined;
}

net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
  const host = hostOf(args);
  if (host && !allowed.has(host) && !host.startsWith("127.")) {
    throw new Error(`Test tried to reach ${host}: tests must only talk to this machine.`);
  }
  return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;
