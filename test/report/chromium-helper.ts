/**
 * For test/report/chromium.test.ts: Debian's Chromium, installed with apt-get when it is missing, and a
 * PNG reader for the screenshots it takes. playwright-core drives it and never downloads a browser.
 */
import { execFile } from "node:child_process";
import { accessSync, constants, existsSync } from "node:fs";
import { delimiter, join } from "node:path";
import { promisify } from "node:util";
import { inflateSync } from "node:zlib";

export const CHROMIUM = "/usr/bin/chromium";

const run = promisify(execFile);

/** Where Chromium is, or why these tests are skipped (only when there is no apt-get to install it with). */
export type ChromiumAvailability = { executablePath: string } | { skipReason: string };

/**
 * /usr/bin/chromium, installed with `apt-get install -y chromium` when missing (the package lists are
 * refreshed only when apt cannot find the package). Without apt-get the tests are skipped, with a banner
 * saying so; any other failure (no root, no network, a broken install) throws, so the tests fail.
 */
export async function ensureChromium(): Promise<ChromiumAvailability> {
  if (existsSync(CHROMIUM)) return { executablePath: CHROMIUM };
  const aptGet = onPath("apt-get");
  if (aptGet === undefined) {
    const skipReason = `${CHROMIUM} is missing and apt-get is not available to install it (Debian package "chromium")`;
    console.warn(banner(`SKIPPING the headless Chromium report tests: ${skipReason}.`));
    return { skipReason };
  }
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const install = () => run(aptGet, ["install", "-y", "chromium"], { env, maxBuffer: 64 * 1024 * 1024 });
  try {
    await install();
  } catch (error) {
    if (!/Unable to locate package|has no installation candidate/.test(output(error))) {
      throw new Error(`apt-get install -y chromium failed:\n${output(error)}`);
    }
    try {
      await run(aptGet, ["update"], { env, maxBuffer: 64 * 1024 * 1024 });
      await install();
    } catch (retryError) {
      throw new Error(`apt-get update && apt-get install -y chromium failed:\n${output(retryError)}`);
    }
  }
  if (!existsSync(CHROMIUM)) throw new Error(`apt-get installed chromium, but ${CHROMIUM} is not there`);
  return { executablePath: CHROMIUM };
}

function onPath(command: string): string | undefined {
  for (const directory of (process.env.PATH ?? "").split(delimiter)) {
    const candidate = join(directory, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

function output(error: unknown): string {
  const {
    stdout = "",
    stderr = "",
    message = String(error),
  } = error as { stdout?: string; stderr?: string; message?: string };
  // execFile's message is the command line and then its stderr again: keep the command line
  const command = message.split("\n")[0] ?? "";
  return [command, ...`${stdout}\n${stderr}`.trim().split("\n").slice(-40)].join("\n");
}

function banner(text: string): string {
  const rule = "!".repeat(100);
  return `\n${rule}\n!!! ${text}\n${rule}\n`;
}

export interface Image {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel, row by row */
  pixels: Uint8Array;
}

/**
 * An 8-bit, non-interlaced RGB or RGBA PNG (what Chromium's screenshots are) as RGBA pixels: the IDAT
 * chunks inflated and each row's filter undone.
 */
export function readPng(png: Buffer): Image {
  if (png.readUInt32BE(0) !== 0x89504e47) throw new Error("not a PNG");
  let width = 0;
  let height = 0;
  let channels = 0;
  const data: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString("latin1", at + 4, at + 8);
    const chunk = png.subarray(at + 8, at + 8 + length);
    if (type === "IHDR") {
      width = chunk.readUInt32BE(0);
      height = chunk.readUInt32BE(4);
      const [depth, colourType, , , interlace] = chunk.subarray(8, 13);
      channels = colourType === 6 ? 4 : colourType === 2 ? 3 : 0;
      if (depth !== 8 || channels === 0 || interlace !== 0) {
        throw new Error(`unsupported PNG: depth ${depth}, colour type ${colourType}, interlace ${interlace}`);
      }
    } else if (type === "IDAT") data.push(chunk);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const rows = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)] as number;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const left = x >= channels ? (rows[y * stride + x - channels] as number) : 0;
      const up = y > 0 ? (rows[(y - 1) * stride + x] as number) : 0;
      const upLeft = x >= channels && y > 0 ? (rows[(y - 1) * stride + x - channels] as number) : 0;
      const value = line[x] as number;
      let predicted = 0;
      if (filter === 1) predicted = left;
      else if (filter === 2) predicted = up;
      else if (filter === 3) predicted = (left + up) >> 1;
      else if (filter === 4) {
        const p = left + up - upLeft;
        const pa = Math.abs(p - left);
        const pb = Math.abs(p - up);
        const pc = Math.abs(p - upLeft);
        predicted = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      }
      rows[y * stride + x] = (value + predicted) & 0xff;
    }
  }
  const pixels = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    for (let c = 0; c < 3; c++) pixels[i * 4 + c] = rows[i * channels + c] as number;
    pixels[i * 4 + 3] = channels === 4 ? (rows[i * channels + 3] as number) : 255;
  }
  return { width, height, pixels };
}

/** How many pixels have each colour, keyed "r,g,b". */
export function colourCounts(image: Image): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i < image.pixels.length; i += 4) {
    const key = `${image.pixels[i]},${image.pixels[i + 1]},${image.pixels[i + 2]}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Pixels within `tolerance` (per channel) of a `#rrggbb` colour. */
export function pixelsNear(image: Image, hex: string, tolerance = 24): number {
  const target = [1, 3, 5].map((start) => Number.parseInt(hex.slice(start, start + 2), 16));
  let count = 0;
  for (let i = 0; i < image.pixels.length; i += 4) {
    if (target.every((value, c) => Math.abs((image.pixels[i + c] as number) - value) <= tolerance)) count++;
  }
  return count;
}
