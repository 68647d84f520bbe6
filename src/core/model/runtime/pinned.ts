/** The onnxruntime-node this build was tested with, generated from package-lock.json (`npm run generate`). */

import type { RuntimePin } from "./pin.js";
import pinned from "./pinned.json" with { type: "json" };

export const PINNED_RUNTIME: RuntimePin = pinned;
