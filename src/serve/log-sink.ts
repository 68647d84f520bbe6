/** Where `--log-to` points: a folder, or a Blob Storage prefix (`az://…`, `https://<account>.blob.core.windows.net/…`). */
import { parseRegistryLocation } from "../core/store/location.js";
import { BlobSink, FileSink, finishAbandonedFiles, type LogSink } from "./prediction-log.js";

export interface LogSinkOptions {
  workspace: string;
  env: Readonly<Record<string, string | undefined>>;
  say(line: string): void;
}

export async function openLogSink(location: string, options: LogSinkOptions): Promise<LogSink> {
  const parsed = parseRegistryLocation(location, options.workspace);
  if (parsed.kind === "file") {
    for (const name of await finishAbandonedFiles(parsed.root)) {
      options.say(`prediction log: completed ${name}, left open by a server that stopped without closing it`);
    }
    return new FileSink(parsed.root);
  }
  const { connectBlobService } = await import("../core/store/blob-connect.js");
  const { service } = await connectBlobService(
    parsed,
    { env: options.env },
    { noun: "prediction log", where: { key: "log-to" } },
  );
  const container = service.getContainerClient(parsed.container);
  await container.createIfNotExists();
  const shown = `${container.url.replace(/\?.*$/, "")}/${parsed.prefix}`.replace(/\/$/, "");
  return new BlobSink(container, parsed.prefix, shown);
}
