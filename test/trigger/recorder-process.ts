/**
 * The recorder in a process of its own, answering as Runs - Run Pipeline does: for tests whose task
 * runs under spawnSync (MockTestRunner), which blocks the test's own event loop. Prints
 * `listening <url>`, then `request <json>` for every request.
 */
import { runAnswer } from "./azure-run-pipeline.js";
import { startRecorder } from "./recorder.js";

const recorder = await startRecorder((request) => {
  process.stdout.write(`request ${JSON.stringify(request)}\n`);
  return runAnswer(request);
});
process.stdout.write(`listening ${recorder.url}\n`);
