/**
 * Test doubles for the npm registry: a tar writer, package tarballs built from the installed
 * node_modules, and a loopback HTTP server that serves them and counts requests.
 */
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

export interface TarInput {
  path: string;
  data?: Buffer;
  type?: "file" | "directory" | "symlink";
  /** How a name over 100 bytes is stored: ustar prefix when it splits, else a GNU long name. */
  longName?: "prefix" | "gnu" | "pax";
  mode?: number;
}

export function writeTar(entries: TarInput[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const data = entry.data ?? Buffer.alloc(0);
    const typeflag = entry.type === "directory" ? "5" : entry.type === "symlink" ? "2" : "0";
    const name = Buffer.byteLength(entry.path) <= 100 ? { name: entry.path, prefix: "" } : longName(entry, blocks);
    blocks.push(header({ ...name, typeflag, size: data.length, mode: entry.mode ?? 0o644 }), padded(data));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

function longName(entry: TarInput, blocks: Buffer[]): { name: string; prefix: string } {
  const style = entry.longName ?? "prefix";
  if (style === "prefix") {
    const cut = entry.path.lastIndexOf("/", 155);
    if (cut > 0 && Buffer.byteLength(entry.path.slice(cut + 1)) <= 100) {
      return { prefix: entry.path.slice(0, cut), name: entry.path.slice(cut + 1) };
    }
  }
  if (style === "pax") {
    const body = `path=${entry.path}\n`;
    let length = body.length + 3;
    while (`${length} ${body}`.length !== length) length = `${length} ${body}`.length;
    const record = Buffer.from(`${length} ${body}`);
    blocks.push(header({ name: "PaxHeader", prefix: "", typeflag: "x", size: record.length, mode: 0o644 }));
    blocks.push(padded(record));
  } else {
    const data = Buffer.from(`${entry.path}\0`);
    blocks.push(header({ name: "././@LongLink", prefix: "", typeflag: "L", size: data.length, mode: 0o644 }));
    blocks.push(padded(data));
  }
  return { name: entry.path.slice(0, 100), prefix: "" };
}

function header(fields: { name: string; prefix: string; typeflag: string; size: number; mode: number }): Buffer {
  const block = Buffer.alloc(512);
  block.write(fields.name, 0, 100, "utf8");
  block.write(`${fields.mode.toString(8).padStart(7, "0")}\0`, 100, "latin1");
  block.write("0000000\0", 108, "latin1");
  block.write("0000000\0", 116, "latin1");
  block.write(`${fields.size.toString(8).padStart(11, "0")}\0`, 124, "latin1");
  block.write("00000000000\0", 136, "latin1");
  block.write(fields.typeflag, 156, "latin1");
  block.write("ustar\u000000", 257, "latin1");
  block.write(fields.prefix, 345, 155, "utf8");
  block.fill(0x20, 148, 156);
  const sum = block.reduce((total, byte) => total + byte, 0);
  block.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, "latin1");
  return block;
}

function padded(data: Buffer): Buffer {
  const padding = (512 - (data.length % 512)) % 512;
  return Buffer.concat([data, Buffer.alloc(padding)]);
}

export function sri(data: Buffer): string {
  return `sha512-${createHash("sha512").update(data).digest("base64")}`;
}

export const nodeModules = fileURLToPath(new URL("../../../node_modules/", import.meta.url));
export const regressorPath = fileURLToPath(new URL("../../fixtures/onnx/regressor.onnx", import.meta.url));

export const LONG_PREFIXED = `lib/${"a".repeat(60)}/${"b".repeat(60)}.ts`;
export const LONG_GNU = `lib/${"c".repeat(120)}.ts`;

/**
 * An npm-style tarball (`package/…`) of an installed package. Binaries of other platforms are
 * replaced by small stand-ins: the filter must leave them out, and packing 200 MB of them only
 * slows the tests.
 */
export async function packInstalled(name: string, extra: TarInput[] = []): Promise<Buffer> {
  const root = join(nodeModules, name);
  const ownBinaries = ["bin", "napi-v6", process.platform, process.arch].join("/");
  const entries: TarInput[] = [];
  for (const file of await listFiles(root)) {
    const path = relative(root, file).split(sep).join("/");
    const foreignBinary = path.startsWith("bin/napi-v6/") && !path.startsWith(`${ownBinaries}/`);
    entries.push({
      path: `package/${path}`,
      data: foreignBinary ? Buffer.from(`stand-in for ${path}`) : await readFile(file),
    });
  }
  entries.push(...extra.map((entry) => ({ ...entry, path: `package/${entry.path}` })));
  return gzipSync(writeTar(entries), { level: 1 });
}

async function listFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(path)));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}

export interface FakeRegistry {
  url: string;
  /** Request paths, in order */
  requests: string[];
  serve(path: string, body: Buffer): void;
  close(): Promise<void>;
}

export async function startRegistry(): Promise<FakeRegistry> {
  const files = new Map<string, Buffer>();
  const requests: string[] = [];
  const server = createServer((request, response) => {
    const path = request.url ?? "/";
    requests.push(path);
    const body = files.get(path);
    if (!body) {
      response.writeHead(404, { "content-type": "application/json" }).end('{"error":"Not found"}');
      return;
    }
    response.writeHead(200, { "content-type": "application/octet-stream", "content-length": body.length });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    serve: (path, body) => files.set(path, body),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
