/**
 * target `azure-blob`: the model at an immutable URL per version (`<prefix>/<model>/<version>/model.onnx`,
 * uploaded before the alias moves) and, after the move, the stable manifest applications and mobile
 * clients poll (`<prefix>/<model>/<alias>.json`). Manifests only move forward: a deploy that lost
 * the race for the blob to a later alias revision leaves the later one in place.
 */
import type { BlockBlobClient, ContainerClient } from "@azure/storage-blob";
import { InputError } from "../../../core/errors.js";
import type { BlobAccountLocation } from "../../../core/store/blob-connect.js";
import { storageCode, storageStatus, toStoreError } from "../../../core/store/blob-errors.js";
import { digestHex } from "../../../core/store/layout.js";
import { parseRegistryLocation } from "../../../core/store/location.js";
import type { AliasState } from "../../../core/store/types.js";
import { rekey } from "../rekeyed.js";
import type { Deployment, DeployTarget, TargetResult } from "./target.js";

export interface BlobTargetLocation {
  account: BlobAccountLocation;
  container: string;
  /** "" or ending in `/` */
  prefix: string;
}

/** What clients read from `<alias>.json`. */
export interface DeploymentManifest {
  schema: "mlgate.deployment/1";
  model: string;
  alias: string;
  version: number;
  digest: string;
  size: number;
  /** the model's inputs and outputs as registered */
  signature: { inputs: unknown[]; outputs: unknown[] } | null;
  modelUrl: string;
  deployedAt: string;
  aliasRevision: number;
}

const KEY = "target-url";
const FORMS = "use az://<container>/<prefix> or https://<account>.blob.core.windows.net/<container>/<prefix>";
const IMMUTABLE = "public, max-age=31536000, immutable";
const MAX_MANIFEST_ATTEMPTS = 20;

export function parseTargetUrl(text: string, workspace: string): BlobTargetLocation {
  if (!/^(az|https?):\/\//i.test(text)) throw new InputError(`'${text}' is not a blob location`, { key: KEY }, FORMS);
  if (/[?#]/.test(text)) {
    throw new InputError(
      "target-url carries a query (a SAS token?): credentials never go into URLs that are printed",
      { key: KEY },
      "give the credentials as for the registry: AZURE_STORAGE_CONNECTION_STRING, the Azure service connection or DefaultAzureCredential",
    );
  }
  let parsed: ReturnType<typeof parseRegistryLocation>;
  try {
    parsed = parseRegistryLocation(text, workspace);
  } catch (error) {
    throw rekey(error, KEY, FORMS);
  }
  if (parsed.kind === "file") throw new InputError(`'${text}' is not a blob location`, { key: KEY }, FORMS);
  const account: BlobAccountLocation =
    parsed.kind === "az" ? { kind: "az" } : { kind: "url", endpoint: parsed.endpoint, account: parsed.account };
  return { account, container: parsed.container, prefix: parsed.prefix };
}

export function azureBlobTarget(location: BlobTargetLocation): DeployTarget {
  let connecting: Promise<Publisher> | undefined;
  const publisher = (deployment: Deployment) => {
    connecting ??= connect(location, deployment);
    return connecting;
  };
  return {
    name: "azure-blob",
    async beforeMove(deployment) {
      await (await publisher(deployment)).publishModel(deployment);
    },
    async afterMove(deployment, moved) {
      return (await publisher(deployment)).publishManifest(deployment, moved);
    },
  };
}

interface Publisher {
  publishModel(deployment: Deployment): Promise<void>;
  publishManifest(deployment: Deployment, moved: AliasState): Promise<TargetResult>;
}

async function connect(location: BlobTargetLocation, { ctx }: Deployment): Promise<Publisher> {
  // loaded only for this target: the Azure SDK is most of the startup time
  const { connectBlobService } = await import("../../../core/store/blob-connect.js");
  const { service, credentialFix } = await connectBlobService(
    location.account,
    { env: ctx.env, credential: ctx.azureCredential },
    { noun: "deploy target", where: { key: KEY }, expectedForms: FORMS },
  );
  const container = service.getContainerClient(location.container);
  const shown = `${withoutQuery(container.url)}/${location.prefix}`.replace(/\/$/, "");
  const fail = (error: unknown, operation: string) =>
    rekey(toStoreError(error, { location: shown, credentialFix }, operation), KEY);
  const blob = (...parts: (string | number)[]) => container.getBlockBlobClient(`${location.prefix}${parts.join("/")}`);
  const modelBlob = ({ model, manifest }: Deployment) => blob(model, manifest.version, "model.onnx");

  return {
    async publishModel(deployment) {
      const target = modelBlob(deployment);
      const hex = digestHex(deployment.manifest.digest);
      const data = await deployment.modelBytes();
      try {
        await withContainer(container, () =>
          target.uploadData(data, {
            conditions: { ifNoneMatch: "*" },
            metadata: { sha256: hex },
            blobHTTPHeaders: { blobContentType: "application/octet-stream", blobCacheControl: IMMUTABLE },
          }),
        );
      } catch (error) {
        if (!isConflict(error)) throw fail(error, `uploading ${urlOf(target)}`);
        // published before (a re-run, another alias): the same bytes, or a different registry's model
        const existing = await target.getProperties().catch((failure: unknown) => {
          throw fail(failure, `reading ${urlOf(target)}`);
        });
        if (existing.metadata?.sha256 !== hex) {
          throw new InputError(
            `${urlOf(target)} already holds a different model than ${deployment.model}@${deployment.manifest.version} (${deployment.manifest.digest})`,
            { key: KEY },
            "published versions are immutable: publish under another target-url prefix",
          );
        }
      }
      deployment.ctx.log.info(`published ${urlOf(target)}`);
    },

    async publishManifest(deployment, moved) {
      const target = blob(deployment.model, `${deployment.alias}.json`);
      const document: DeploymentManifest = {
        schema: "mlgate.deployment/1",
        model: deployment.model,
        alias: deployment.alias,
        version: deployment.manifest.version,
        digest: deployment.manifest.digest,
        size: deployment.manifest.artifacts.model.size,
        signature: deployment.manifest.signature ?? null,
        modelUrl: urlOf(modelBlob(deployment)),
        deployedAt: moved.history.at(-1)?.at ?? deployment.ctx.now().toISOString(),
        aliasRevision: moved.revision,
      };
      const url = urlOf(target);
      const outcome = await writeForward(target, document).catch((error: unknown) => {
        throw fail(error, `writing ${url}`);
      });
      deployment.ctx.log.info(
        outcome === "written"
          ? `published ${url}`
          : `${url} already describes a later revision of alias '${deployment.alias}': left as it is`,
      );
      return { url };
    },
  };
}

/** Writes the manifest unless the blob already holds one of a later alias revision, by compare-and-swap. */
async function writeForward(target: BlockBlobClient, document: DeploymentManifest): Promise<"written" | "newer"> {
  const data = Buffer.from(`${JSON.stringify(document, null, 2)}\n`);
  for (let attempt = 1; ; attempt++) {
    const existing = await readManifest(target);
    if (existing && existing.revision >= document.aliasRevision) return "newer";
    try {
      await target.upload(data, data.length, {
        conditions: existing ? { ifMatch: existing.etag } : { ifNoneMatch: "*" },
        blobHTTPHeaders: { blobContentType: "application/json", blobCacheControl: "no-cache" },
      });
      return "written";
    } catch (error) {
      const gone = storageStatus(error) === 404;
      if ((!isConflict(error) && !gone) || attempt >= MAX_MANIFEST_ATTEMPTS) throw error;
    }
  }
}

async function readManifest(target: BlockBlobClient): Promise<{ etag: string; revision: number } | undefined> {
  let response: Awaited<ReturnType<BlockBlobClient["download"]>>;
  try {
    response = await target.download(0);
  } catch (error) {
    if (storageStatus(error) === 404) return undefined;
    throw error;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of response.readableStreamBody ?? []) chunks.push(chunk as Buffer);
  // the etag of these very bytes: a newer manifest written since fails the conditional write
  return { etag: response.etag ?? "", revision: revisionOf(Buffer.concat(chunks)) };
}

/** A manifest that is not ours (or not JSON) counts as older than any revision. */
function revisionOf(data: Buffer): number {
  try {
    const revision = (JSON.parse(data.toString("utf8")) as Partial<DeploymentManifest>).aliasRevision;
    return typeof revision === "number" ? revision : -1;
  } catch {
    return -1;
  }
}

/** A write into a container that does not exist yet creates it once, as the registry's backend does. */
async function withContainer<T>(container: ContainerClient, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (storageCode(error) !== "ContainerNotFound") throw error;
    await container.createIfNotExists();
    return write();
  }
}

function isConflict(error: unknown): boolean {
  const status = storageStatus(error);
  return status === 409 || status === 412;
}

function urlOf(blob: { url: string }): string {
  return withoutQuery(blob.url);
}

function withoutQuery(url: string): string {
  return url.replace(/[?#].*$/, "");
}
