import path from "node:path";

/** A file as CI annotations name it: relative to the workspace (the repository root) when it lies inside. */
export function annotationPath(file: string, workspace: string): string {
  const relative = path.relative(workspace, path.resolve(workspace, file));
  const inside = relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
  return inside ? relative.split(path.sep).join("/") : file;
}
