/**
 * A recording's address on the organiser's video platform. The platforms on the allow-list
 * are embedded with their own player (the pages that show one allow exactly those hosts in
 * the CSP's frame-src); any other https address, such as a Teams or SharePoint recording
 * that cannot be embedded, is shown as a link.
 */
export interface RecordingPlace {
  provider: "youtube" | "vimeo" | "screen9" | "qbrick" | "kaltura" | "link";
  embedUrl: string | null;
}

/** The hosts an embedded player may come from: the CSP's frame-src on pages with recordings. */
export const PLAYER_HOSTS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com", "https://*.screen9.tv", "https://*.screen9.com", "https://*.qbrick.com", "https://*.kaltura.com"];

const ID = /^[A-Za-z0-9_-]{6,64}$/;

/** Where the recording is, or null when the address is not an https address at all. */
export function recordingPlace(raw: string): RecordingPlace | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== "https:" || url.username || url.password) return null;
  const host = url.hostname.toLowerCase();
  if (host === "youtu.be" || host === "www.youtube.com" || host === "youtube.com" || host === "m.youtube.com") {
    const id = host === "youtu.be" ? url.pathname.slice(1) : url.pathname.startsWith("/embed/") || url.pathname.startsWith("/live/") ? url.pathname.split("/")[2] : url.searchParams.get("v");
    if (id && ID.test(id)) return { provider: "youtube", embedUrl: `https://www.youtube-nocookie.com/embed/${id}` };
  }
  if (host === "vimeo.com" || host === "www.vimeo.com" || host === "player.vimeo.com") {
    const id = url.pathname.split("/").filter(Boolean).find((p) => /^\d{5,12}$/.test(p));
    if (id) return { provider: "vimeo", embedUrl: `https://player.vimeo.com/video/${id}` };
  }
  // Screen9, Qbrick and Kaltura give each customer a player address of their own: it is embedded as given.
  for (const [provider, suffixes] of [["screen9", [".screen9.tv", ".screen9.com"]], ["qbrick", [".qbrick.com"]], ["kaltura", [".kaltura.com"]]] as const) {
    if (suffixes.some((s) => host.endsWith(s))) return { provider, embedUrl: url.toString() };
  }
  return { provider: "link", embedUrl: null };
}



