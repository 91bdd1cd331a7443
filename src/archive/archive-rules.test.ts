/** The archive's plain rules: what a file is from its bytes, WebVTT checked, recording addresses, byte ranges. */
import { describe, expect, it } from "vitest";
import { checkWebVtt } from "./captions.js";
import { recordingPlace } from "./recordings.js";
import { kindsOf, materialType } from "./sniff.js";
import { parseRange } from "./serve.js";

const zipWith = (firstName: string, extra = "") => {
  const name = Buffer.from(firstName, "latin1");
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(name.length, 26);
  header.writeUInt16LE(0, 28);
  return Buffer.concat([header, name, Buffer.from(extra, "latin1")]);
};

describe("what a material is", () => {
  it("is told by its bytes, and must agree with its name", () => {
    const pdf = Buffer.from("%PDF-1.7\n%âãÏÓ\n1 0 obj");
    expect(materialType("Bildspel.pdf", pdf)).toBe("application/pdf");
    expect(materialType("bildspel.PDF", pdf)).toBe("application/pdf");
    expect(materialType("bildspel.pptx", pdf)).toBeNull();
    const pptx = zipWith("[Content_Types].xml", "....ppt/slides/slide1.xml");
    expect(kindsOf(pptx)).toEqual(["pptx"]);
    expect(materialType("deck.pptx", pptx)).toContain("presentationml");
    expect(materialType("deck.pdf", pptx)).toBeNull();
    expect(materialType("text.odt", zipWith("mimetype", "application/vnd.oasis.opendocument.text"))).toBe("application/vnd.oasis.opendocument.text");
    expect(materialType("old.ppt", Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]))).toBe("application/vnd.ms-powerpoint");
    // A zip that is no office file, an image, a program renamed.
    expect(materialType("deck.pptx", zipWith("virus.exe"))).toBeNull();
    expect(materialType("bild.pdf", Buffer.from("89504e470d0a1a0a", "hex"))).toBeNull();
    expect(materialType("program.exe", Buffer.from("MZ\x90\x00"))).toBeNull();
    expect(materialType("ingen-ändelse", pdf)).toBeNull();
  });
});

describe("captions", () => {
  it("takes valid WebVTT and refuses what is not, with the line and a reason in Swedish", () => {
    expect(checkWebVtt(Buffer.from("WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nVälkomna!\n\n00:00:04.500 --> 00:00:07.000\nIdag pratar vi om samverkan.\n"), "sv")).toEqual({ ok: true, cues: 2 });
    expect(checkWebVtt(Buffer.from("\uFEFFWEBVTT\n\n00:01.000 --> 00:04.000\nKort tidsformat\n"), "sv")).toEqual({ ok: true, cues: 1 });
    const wrongOrder = checkWebVtt(Buffer.from("WEBVTT\n\n00:00:05.000 --> 00:00:03.000\nBaklänges\n"), "sv");
    expect(wrongOrder).toEqual({ ok: false, problems: [{ line: 3, message: "Sluttiden är inte efter starttiden." }] });
    expect(checkWebVtt(Buffer.from("1\n00:00:01,000 --> 00:00:04,000\nDetta är SRT\n"), "sv")).toEqual({
      ok: false,
      problems: [
        { line: 1, message: "Filen måste börja med ”WEBVTT”." },
        { line: 2, message: "Efter ”WEBVTT” ska en tom rad komma." },
        { line: 2, message: "Tiden ska ha punkt före millisekunderna (00:00:01.000), inte komma." },
      ],
    });
    expect(checkWebVtt(Buffer.from([0x57, 0x45, 0xff, 0xfe]), "sv")).toMatchObject({ ok: false, problems: [{ message: "Filen är inte sparad som UTF-8." }] });
    expect(checkWebVtt(Buffer.from("WEBVTT\n"), "en")).toMatchObject({ ok: false, problems: [{ message: "The file has no cues (no timings with text)." }] });
  });
});

describe("recording addresses", () => {
  it("embeds the allowed platforms with their own players and links the rest", () => {
    expect(recordingPlace("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10")).toEqual({ provider: "youtube", embedUrl: "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" });
    expect(recordingPlace("https://youtu.be/dQw4w9WgXcQ")).toEqual({ provider: "youtube", embedUrl: "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" });
    expect(recordingPlace("https://vimeo.com/76979871")).toEqual({ provider: "vimeo", embedUrl: "https://player.vimeo.com/video/76979871" });
    expect(recordingPlace("https://regionvasterbotten.screen9.tv/media/abc123/konferens")?.provider).toBe("screen9");
    expect(recordingPlace("https://teams.microsoft.com/l/meetup-join/19%3ameeting")).toEqual({ provider: "link", embedUrl: null });
    // A host that only looks like an allowed one is a link, never a player.
    expect(recordingPlace("https://screen9.tv.example.com/x")).toEqual({ provider: "link", embedUrl: null });
    expect(recordingPlace("https://www.youtube.com/watch?v=<script>")).toEqual({ provider: "link", embedUrl: null });
    for (const bad of ["javascript:alert(1)", "http://vimeo.com/76979871", "ftp://x", "inte en adress", "https://user:pw@vimeo.com/1"]) expect(recordingPlace(bad)).toBeNull();
  });
});

describe("byte ranges", () => {
  it("reads the forms of RFC 9110 §14.1.2 and refuses what the file cannot satisfy", () => {
    expect(parseRange("bytes=0-9", 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange("bytes=90-", 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange("bytes=-10", 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange("bytes=50-500", 100)).toEqual({ start: 50, end: 99 });
    expect(parseRange("bytes=100-", 100)).toBe("unsatisfiable");
    expect(parseRange("bytes=9-3", 100)).toBe("unsatisfiable");
    expect(parseRange("bytes=0-1,5-6", 100)).toBeNull();
    expect(parseRange(undefined, 100)).toBeNull();
  });
});
