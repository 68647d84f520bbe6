/** Writing a task's report files (HTML, JSON) where the inputs say, creating folders as needed. */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

export async function writeReportFile(file: string, content: string): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, content);
  return file;
}
