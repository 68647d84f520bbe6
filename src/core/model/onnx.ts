/**
 * Reads an ONNX file's identity and signature by decoding its protobuf — no ONNX Runtime needed —
 * and refuses anything that is not a usable model (a text file, random bytes, a truncated export).
 */
import onnxProto from "onnx-proto";
import { sha256Digest } from "../digest.js";
import { InputError } from "../errors.js";
import { readInputFile } from "../files.js";
import type { Digest } from "../store/types.js";
import { toInt, type ValueSig, valueSig } from "./signature.js";

export interface OnnxModelInfo {
  digest: Digest;
  size: number;
  irVersion: number;
  /** `ai.onnx` for the default domain (which the file writes as an empty string) */
  opsets: { domain: string; version: number }[];
  producer: { name: string; version: string };
  /** The graph inputs a caller feeds; initializers listed as inputs (older exporters) are left out. */
  inputs: ValueSig[];
  outputs: ValueSig[];
}

const EXPORT_FIX = "pass the .onnx file your training exported (skl2onnx, torch.onnx.export, onnxmltools, …)";

export async function readOnnxModel(path: string): Promise<OnnxModelInfo> {
  return inspectOnnxModel(await readInputFile(path, "model"), path);
}

/** The model's identity and signature from bytes already read (`path` names it in errors). */
export function inspectOnnxModel(data: Buffer, path: string): OnnxModelInfo {
  if (data.length === 0) throw new InputError("model file is empty", { file: path }, EXPORT_FIX);
  const notOnnx = (why: string) => new InputError(`is not an ONNX model (${why})`, { file: path }, EXPORT_FIX);

  let model: onnxProto.onnx.ModelProto;
  try {
    model = onnxProto.onnx.ModelProto.decode(data);
  } catch (error) {
    const message = (error as Error).message;
    // protobufjs says "index out of range" when a field runs past the end of the data
    throw notOnnx(/index out of range/.test(message) ? "the data ends early: truncated?" : `undecodable: ${message}`);
  }
  const irVersion = toInt(model.irVersion);
  if (irVersion <= 0) throw notOnnx("no IR version");
  const graph = model.graph;
  if (!graph) throw notOnnx("no graph");
  if (model.opsetImport.length === 0) throw notOnnx("no opset import");

  const initializers = new Set((graph.initializer ?? []).map((tensor) => tensor.name));
  const fed = (graph.input ?? []).filter((input) => !initializers.has(input.name ?? ""));
  if (fed.length === 0) throw notOnnx("the graph has no inputs");
  if (!graph.output?.length) throw notOnnx("the graph has no outputs");

  let inputs: ValueSig[];
  let outputs: ValueSig[];
  try {
    inputs = fed.map(valueSig);
    outputs = graph.output.map(valueSig);
  } catch (error) {
    throw notOnnx(`graph value ${(error as Error).message}`);
  }

  return {
    digest: sha256Digest(data),
    size: data.length,
    irVersion,
    opsets: model.opsetImport.map((opset) => ({ domain: opset.domain || "ai.onnx", version: toInt(opset.version) })),
    producer: { name: model.producerName, version: model.producerVersion },
    inputs,
    outputs,
  };
}
