/**
 * The bare anchor of `npm run bench -- serve`: `node:http` and onnxruntime-node, nothing else. One session
 * (default options) of the model file; per request: read the body, JSON.parse it (an array of records, or
 * `{"records": [...]}`), one [N, 1] tensor per model input (float32 for a numeric input, null → NaN; string
 * for a string one), `session.run`, and a JSON answer shaped like mlgate serve's:
 * `{"model", "version", "predictions": [{"label", "probabilities"}]}`. No batching, logging or metrics.
 *
 *   node --import tsx bench/serve/bare-server.ts <model.onnx>
 *
 * (The bench runs it as plain JavaScript, transpiled into its run folder, so no tsx loader is in its memory.)
 * Listens on 127.0.0.1 at a free port and prints `http://127.0.0.1:<port>` on stdout once it does; stops on
 * SIGTERM. The bench sets ORT_DISABLE_TELEMETRY=1 in its environment, as mlgate's hosts do.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import * as ort from "onnxruntime-node";

const [modelPath] = process.argv.slice(2);
if (!modelPath) {
  process.stderr.write("usage: bare-server.ts <model.onnx>\n");
  process.exit(2);
}

const session = await ort.InferenceSession.create(modelPath, { logSeverityLevel: 3 });
const inputs = session.inputMetadata.map((input) => ({
  name: input.name,
  text: input.isTensor && input.type === "string",
}));

type Records = Record<string, unknown>[];

async function predict(body: Buffer): Promise<string> {
  const parsed = JSON.parse(body.toString("utf8")) as Records | { records: Records };
  const records = Array.isArray(parsed) ? parsed : parsed.records;
  const rows = records.length;
  const feeds: Record<string, ort.Tensor> = {};
  for (const { name, text } of inputs) {
    if (text) {
      const data = new Array<string>(rows);
      for (let i = 0; i < rows; i++) data[i] = String((records[i] as Record<string, unknown>)[name] ?? "");
      feeds[name] = new ort.Tensor("string", data, [rows, 1]);
    } else {
      const data = new Float32Array(rows);
      for (let i = 0; i < rows; i++) {
        const value = (records[i] as Record<string, unknown>)[name];
        data[i] = typeof value === "number" ? value : Number.NaN;
      }
      feeds[name] = new ort.Tensor("float32", data, [rows, 1]);
    }
  }
  const outputs = await session.run(feeds);
  const labels = outputs.label?.data as BigInt64Array;
  const probabilities = outputs.probabilities?.data as Float32Array;
  const classes = probabilities.length / rows;
  const predictions = new Array(rows);
  for (let i = 0; i < rows; i++) {
    predictions[i] = {
      label: Number(labels[i]),
      probabilities: Array.from(probabilities.subarray(i * classes, (i + 1) * classes)),
    };
  }
  return JSON.stringify({ model: "churn", version: 1, predictions });
}

const server = http.createServer((request, response) => {
  if (request.method !== "POST" || request.url !== "/predict") {
    response.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    predict(Buffer.concat(chunks)).then(
      (json) => {
        response.writeHead(200, { "content-type": "application/json" }).end(json);
      },
      (error: unknown) => {
        response.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ error: String(error) }));
      },
    );
  });
});

server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`bare node:http + onnxruntime-node on http://127.0.0.1:${port}\n`);
});
process.on("SIGTERM", () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
