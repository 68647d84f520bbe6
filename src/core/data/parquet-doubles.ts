/**
 * A fast path for the most common Parquet column in ML data: a flat DOUBLE or FLOAT column without
 * a logical type. Its pages are decoded straight into one Float64Array with hyparquet's page
 * functions, skipping the generic path's list assembly and its boxed number per cell (at a million
 * rows, most of the reading time and of the garbage collector's work). Anything else — a null, an
 * encoding other than plain or dictionary, nesting — returns undefined and the column takes the
 * generic path.
 */
import type { ColumnChunk, CompressionCodec, Compressors, SchemaTree } from "hyparquet";
import { parquetHeader } from "hyparquet/src/column.js";
import { decompressPage, readDataPage, readDataPageV2 } from "hyparquet/src/datapage.js";
import { readPlain } from "hyparquet/src/plain.js";
import { getMaxDefinitionLevel } from "hyparquet/src/schema.js";

/** Encodings whose values this path reads: plain values, or indices into a dictionary page. */
const ENCODINGS = new Set(["PLAIN", "PLAIN_DICTIONARY", "RLE_DICTIONARY"]);

/** The schema path (root, leaf) of a flat double or float column, else undefined. */
export function fastDoubleColumn(schemaPath: SchemaTree[]): SchemaTree[] | undefined {
  const leaf = schemaPath[schemaPath.length - 1];
  if (schemaPath.length !== 2 || !leaf || leaf.children.length > 0) return undefined;
  const { element } = leaf;
  if (element.type !== "DOUBLE" && element.type !== "FLOAT") return undefined;
  if (element.repetition_type === "REPEATED" || element.converted_type || element.logical_type) return undefined;
  return schemaPath;
}

/**
 * The column chunk's `rows` values, or undefined when it holds a null or something this path does
 * not read. `bytes` holds the chunk's bytes, `bytesStart` is the file offset of `bytes[0]`.
 */
export function readDoubleChunk(
  bytes: Uint8Array,
  bytesStart: number,
  chunk: ColumnChunk,
  schemaPath: SchemaTree[],
  rows: number,
  compressors: Compressors,
): Float64Array | undefined {
  const meta = chunk.meta_data;
  const leaf = schemaPath[1];
  if (!meta || !leaf) return undefined;
  const start = Number(meta.dictionary_page_offset || meta.data_page_offset) - bytesStart;
  const end = start + Number(meta.total_compressed_size);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const reader = { view, offset: start };
  const codec: CompressionCodec = meta.codec;
  const type = leaf.element.type as "DOUBLE" | "FLOAT";
  const decoder = {
    pathInSchema: meta.path_in_schema,
    type,
    element: leaf.element,
    schemaPath,
    codec,
    compressors,
    parsers: undefined as never,
  };
  const maxDefinition = getMaxDefinitionLevel(schemaPath);
  const out = new Float64Array(rows);
  let filled = 0;
  let dictionary: ArrayLike<number> | undefined;
  while (filled < rows && reader.offset < end) {
    const header = parquetHeader(reader);
    const pageStart = reader.offset;
    reader.offset += header.compressed_page_size;
    const compressed = bytes.subarray(pageStart, pageStart + header.compressed_page_size);
    let values: ArrayLike<number>;
    let encoding: string;
    let levels: ArrayLike<number> | undefined;
    if (header.type === "DICTIONARY_PAGE" && header.dictionary_page_header) {
      const page = decompressPage(compressed, header.uncompressed_page_size, codec, compressors);
      const pageReader = { view: new DataView(page.buffer, page.byteOffset, page.byteLength), offset: 0 };
      dictionary = readPlain(
        pageReader,
        type,
        header.dictionary_page_header.num_values,
        undefined,
      ) as ArrayLike<number>;
      continue;
    }
    if (header.type === "DATA_PAGE" && header.data_page_header) {
      encoding = header.data_page_header.encoding;
      if (!ENCODINGS.has(encoding)) return undefined;
      const page = decompressPage(compressed, header.uncompressed_page_size, codec, compressors);
      const decoded = readDataPage(page, header.data_page_header, decoder);
      values = decoded.dataPage as ArrayLike<number>;
      levels = decoded.definitionLevels;
    } else if (header.type === "DATA_PAGE_V2" && header.data_page_header_v2) {
      encoding = header.data_page_header_v2.encoding;
      if (!ENCODINGS.has(encoding)) return undefined;
      const decoded = readDataPageV2(compressed, header, decoder);
      values = decoded.dataPage as ArrayLike<number>;
      levels = decoded.definitionLevels;
    } else {
      return undefined;
    }
    if (levels) for (let i = 0; i < levels.length; i++) if (levels[i] !== maxDefinition) return undefined;
    const count = Math.min(values.length, rows - filled);
    if (encoding === "PLAIN") {
      for (let i = 0; i < count; i++) out[filled + i] = values[i] as number;
    } else {
      if (!dictionary) return undefined;
      for (let i = 0; i < count; i++) out[filled + i] = dictionary[values[i] as number] as number;
    }
    filled += count;
  }
  return filled === rows ? out : undefined;
}
