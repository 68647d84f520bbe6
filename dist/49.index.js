export const id = 49;
export const ids = [49];
export const modules = {

/***/ 6049:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  parseConfig: () => (/* binding */ parseConfig)
});

// EXTERNAL MODULE: ./node_modules/ajv/dist/ajv.js
var ajv = __webpack_require__(2463);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./schema/mlgate.schema.json
const mlgate_schema_namespaceObject = /*#__PURE__*/JSON.parse('{"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://raw.githubusercontent.com/mlgate/mlgate/main/schema/mlgate.schema.json","title":"mlgate.yml","description":"mlgate configuration, read from mlgate.yml at the workspace root. Inputs given to a task (workflow, pipeline or command line) override these values. Secrets never belong here: use environment or secret variables.","type":"object","required":["version"],"additionalProperties":false,"properties":{"$schema":{"type":"string","description":"The JSON Schema this file follows, for editors."},"version":{"title":"Format version","description":"The version of this file\'s format.","const":1},"registry":{"title":"Registry","type":"string","description":"Where the registry lives, for every task: a folder path, `file://…`, `az://<container>/<prefix>` or `https://<account>.blob.core.windows.net/<container>/<prefix>`. Shorthand for `defaults.registry`."},"model":{"title":"Model","type":"object","additionalProperties":false,"required":["name"],"properties":{"name":{"type":"string","description":"The model this repository delivers (e.g. `churn`). Shorthand for `defaults.name`."}}},"defaults":{"title":"Defaults for every task","description":"Inputs that apply to every task that has them; a task\'s own section overrides them.","type":"object","additionalProperties":false,"properties":{"schema":{"description":"The schema the data must meet (`schema.yml`). Leave empty to infer one from the data and write it to `schema-out`.","type":"string"},"fail-on":{"description":"Exit with 1 on anomalies of this severity or worse (`never`: report only).","enum":["error","warning","never"],"default":"error"},"redact-values":{"description":"Keep data values out of logs, reports and comments (anomalies still name column, kind, count and line).","type":"boolean","default":false},"command":{"description":"Your training command, run by the shell (`python train.py`). It reads `MLGATE_DATA`, `MLGATE_PARAMS` (a JSON file), `MLGATE_PARAM_<NAME>`, and writes `model.onnx` (and optionally `metrics.json`) into `MLGATE_OUTPUT_DIR`. Give `command` or `trainer`.","type":"string"},"trainer":{"description":"A builtin tabular trainer instead of a command: `logistic` (binary or multiclass), `ridge`, `linear`, `majority` or `mean`; `builtin` picks logistic for a class label and ridge for a numeric target. Standardisation, imputation and one-hot encoding are inside the exported graph.","enum":["builtin","logistic","ridge","linear","majority","mean"]},"target":{"description":"The label column. Required by a builtin trainer; for a command it is left out of the model\'s features when the model takes one feature tensor.","type":"string"},"features":{"description":"The feature columns, in order (default: every column but the target). A model with one `[N, F]` input is fed these columns in this order.","type":["array","string"],"items":{"type":"string"}},"params":{"description":"JSON or YAML file of training parameters (an object). Builtin trainers read `C`, `alpha`, `max-iterations`, `tolerance`, `validation-fraction`, `seed`.","type":"string"},"output-dir":{"description":"Where `model.onnx` and `metrics.json` land (and, on a cache hit, are restored).","type":"string","default":".mlgate/train"},"name":{"description":"The model\'s name in the registry: the run records which version its champion was at the time.","type":"string"},"champion-alias":{"description":"The alias whose version is the champion recorded in the run\'s lineage.","type":"string","default":"production"},"registry":{"description":"Where the registry lives: a folder path or `file://…`, `az://<container>/<prefix>` or `https://<account>.blob.core.windows.net/<container>/<prefix>`. Blob credentials come from `AZURE_STORAGE_CONNECTION_STRING`, the Azure service connection, or DefaultAzureCredential.","type":"string","default":".mlgate/registry"},"code":{"description":"Globs of the files whose content is the run\'s code (default: every git-tracked file under the working directory). Part of the run cache key.","type":["array","string"],"items":{"type":"string"}},"timeout":{"description":"Stop the command (and its children) after this long: `90s`, `45m`, `2h`; a bare number is minutes.","type":"string"},"model":{"description":"Model name in the registry whose version\'s training-data profile is the reference.","type":"string"},"alias":{"description":"The alias whose version is the reference (the deployed model).","type":"string","default":"production"},"tests":{"description":"The tests that decide drift, from: ks, wasserstein, psi, jensen-shannon, chi-square, l-infinity, missing-rate. Default: by type and reference size (≤ 1000 values: ks / chi-square at p < 0.05; larger: wasserstein / jensen-shannon ≥ 0.1), plus missing-rate. Every test\'s score is reported either way.","type":["array","string"],"items":{"type":"string"}},"threshold":{"description":"Threshold of the deciding tests (other than missing-rate): a p-value for ks and chi-square (drift below it), a distance for the others (drift at or above it).","type":"number"},"correction":{"description":"Correct the deciding p-values for testing many columns: bonferroni or benjamini-hochberg.","enum":["none","bonferroni","benjamini-hochberg"],"default":"none"},"drift-share":{"description":"The dataset drifts when at least this share of the tested columns drifts.","type":"number","default":0.5},"max-age-days":{"description":"Retrain when the reference version is older than this many days, drift or not.","type":"number"},"min-new-rows":{"description":"Retrain only when the current data has at least this many rows (enough to learn from).","type":"integer","default":0},"trigger":{"description":"Start retraining when it is due: `github:repository_dispatch:<event-type>`, `github:workflow_dispatch:<workflow-file>[@<ref>]` or `azure-pipelines:<pipeline-id>[@<branch>]`.","type":"string"},"fail-on-drift":{"description":"Exit with 1 when the dataset drifts (a red scheduled run is the alert).","type":"boolean","default":true}}},"tasks":{"title":"Per-task inputs","description":"Inputs for one task, by task name; they override `defaults`.","type":"object","additionalProperties":false,"properties":{"validate-data":{"title":"mlgate: validate data","description":"Check a dataset against its checked-in schema in one streaming pass and write its profile (the training-data profile register stores and monitor-drift compares with). Without a schema, infer one for review.","type":"object","additionalProperties":false,"properties":{"schema":{"description":"The schema the data must meet (`schema.yml`). Leave empty to infer one from the data and write it to `schema-out`.","type":"string"},"fail-on":{"description":"Exit with 1 on anomalies of this severity or worse (`never`: report only).","enum":["error","warning","never"],"default":"error"},"redact-values":{"description":"Keep data values out of logs, reports and comments (anomalies still name column, kind, count and line).","type":"boolean","default":false}}},"train":{"title":"mlgate: train a model","description":"Train a model reproducibly: run your training command (any language) or a builtin tabular trainer, check the ONNX model it writes against the data, record the run\'s full lineage and skip the training when code, data, params and environment are unchanged (run cache). Runs the parameter search declared in mlgate.yml.","type":"object","additionalProperties":false,"properties":{"command":{"description":"Your training command, run by the shell (`python train.py`). It reads `MLGATE_DATA`, `MLGATE_PARAMS` (a JSON file), `MLGATE_PARAM_<NAME>`, and writes `model.onnx` (and optionally `metrics.json`) into `MLGATE_OUTPUT_DIR`. Give `command` or `trainer`.","type":"string"},"trainer":{"description":"A builtin tabular trainer instead of a command: `logistic` (binary or multiclass), `ridge`, `linear`, `majority` or `mean`; `builtin` picks logistic for a class label and ridge for a numeric target. Standardisation, imputation and one-hot encoding are inside the exported graph.","enum":["builtin","logistic","ridge","linear","majority","mean"]},"target":{"description":"The label column. Required by a builtin trainer; for a command it is left out of the model\'s features when the model takes one feature tensor.","type":"string"},"features":{"description":"The feature columns, in order (default: every column but the target). A model with one `[N, F]` input is fed these columns in this order.","type":["array","string"],"items":{"type":"string"}},"params":{"description":"JSON or YAML file of training parameters (an object). Builtin trainers read `C`, `alpha`, `max-iterations`, `tolerance`, `validation-fraction`, `seed`.","type":"string"},"output-dir":{"description":"Where `model.onnx` and `metrics.json` land (and, on a cache hit, are restored).","type":"string","default":".mlgate/train"},"name":{"description":"The model\'s name in the registry: the run records which version its champion was at the time.","type":"string"},"champion-alias":{"description":"The alias whose version is the champion recorded in the run\'s lineage.","type":"string","default":"production"},"registry":{"description":"Where the registry lives: a folder path or `file://…`, `az://<container>/<prefix>` or `https://<account>.blob.core.windows.net/<container>/<prefix>`. Blob credentials come from `AZURE_STORAGE_CONNECTION_STRING`, the Azure service connection, or DefaultAzureCredential.","type":"string","default":".mlgate/registry"},"code":{"description":"Globs of the files whose content is the run\'s code (default: every git-tracked file under the working directory). Part of the run cache key.","type":["array","string"],"items":{"type":"string"}},"timeout":{"description":"Stop the command (and its children) after this long: `90s`, `45m`, `2h`; a bare number is minutes.","type":"string"}}},"register":{"title":"mlgate: register a model version","description":"Register an ONNX model as a new immutable version in the mlgate registry, with its metrics, training-data profile, params and lineage; optionally point an alias at it.","type":"object","additionalProperties":false,"properties":{"name":{"description":"Model name in the registry: lowercase letters, digits, `.`, `_`, `-` (e.g. `churn`).","type":"string"},"registry":{"description":"Where the registry lives: a folder path or `file://…`, `az://<container>/<prefix>` or `https://<account>.blob.core.windows.net/<container>/<prefix>`. Blob credentials come from `AZURE_STORAGE_CONNECTION_STRING`, the Azure service connection, or DefaultAzureCredential.","type":"string","default":".mlgate/registry"}}},"monitor-drift":{"title":"mlgate: monitor drift","description":"Compare current data (or serving\'s prediction logs) with the training-data profile stored with the deployed version, column by column; decide whether to retrain and optionally trigger the retraining pipeline.","type":"object","additionalProperties":false,"properties":{"model":{"description":"Model name in the registry whose version\'s training-data profile is the reference.","type":"string"},"registry":{"description":"Where the registry lives: a folder path or `file://…`, `az://<container>/<prefix>` or `https://<account>.blob.core.windows.net/<container>/<prefix>`. Blob credentials come from `AZURE_STORAGE_CONNECTION_STRING`, the Azure service connection, or DefaultAzureCredential.","type":"string","default":".mlgate/registry"},"alias":{"description":"The alias whose version is the reference (the deployed model).","type":"string","default":"production"},"tests":{"description":"The tests that decide drift, from: ks, wasserstein, psi, jensen-shannon, chi-square, l-infinity, missing-rate. Default: by type and reference size (≤ 1000 values: ks / chi-square at p < 0.05; larger: wasserstein / jensen-shannon ≥ 0.1), plus missing-rate. Every test\'s score is reported either way.","type":["array","string"],"items":{"type":"string"}},"threshold":{"description":"Threshold of the deciding tests (other than missing-rate): a p-value for ks and chi-square (drift below it), a distance for the others (drift at or above it).","type":"number"},"correction":{"description":"Correct the deciding p-values for testing many columns: bonferroni or benjamini-hochberg.","enum":["none","bonferroni","benjamini-hochberg"],"default":"none"},"drift-share":{"description":"The dataset drifts when at least this share of the tested columns drifts.","type":"number","default":0.5},"max-age-days":{"description":"Retrain when the reference version is older than this many days, drift or not.","type":"number"},"min-new-rows":{"description":"Retrain only when the current data has at least this many rows (enough to learn from).","type":"integer","default":0},"trigger":{"description":"Start retraining when it is due: `github:repository_dispatch:<event-type>`, `github:workflow_dispatch:<workflow-file>[@<ref>]` or `azure-pipelines:<pipeline-id>[@<branch>]`.","type":"string"},"fail-on-drift":{"description":"Exit with 1 when the dataset drifts (a red scheduled run is the alert).","type":"boolean","default":true},"redact-values":{"description":"Keep category values out of logs, reports and comments (column names and scores remain).","type":"boolean","default":false}}}}},"gates":{"title":"Gates","type":"object","description":"Promotion gates for evaluate-against-champion."},"search":{"title":"Search","description":"Parameter search for train: every trial is a training run with these params merged over the params file; the best trial\'s model is train\'s output.","type":"object","additionalProperties":false,"required":["space","objective"],"properties":{"method":{"enum":["grid","random"],"default":"grid","description":"`grid`: every combination of the listed values; `random`: seeded draws from lists and ranges."},"space":{"type":"object","description":"Parameter name → a list of values, or (random only) a range `{min, max, log, integer}`.","additionalProperties":{"anyOf":[{"type":"array","items":{"type":["string","number","boolean"]},"minItems":1},{"type":"object","additionalProperties":false,"required":["min","max"],"properties":{"min":{"type":"number"},"max":{"type":"number"},"log":{"type":"boolean","description":"Draw log-uniformly (both ends > 0)."},"integer":{"type":"boolean","description":"Draw whole numbers."}}}]}},"max-trials":{"type":"integer","minimum":1,"description":"At most this many trials (grid: the first ones; random: default 10)."},"seed":{"type":"integer","description":"Seed of the random draws (default 0): the same seed, the same trials."},"parallel":{"type":"integer","minimum":1,"default":1,"description":"Trials running at once."},"objective":{"type":"object","additionalProperties":false,"required":["metric","direction"],"description":"The metric (a key of the trials\' metrics.json, nested keys joined by `.`) that picks the best trial.","properties":{"metric":{"type":"string","description":"e.g. `validation.accuracy`"},"direction":{"enum":["maximize","minimize"]}}}}},"schema":{"title":"Data schema","type":"string","description":"Path to the data schema file validate-data checks."},"drift":{"title":"Drift","type":"object","description":"Drift monitoring settings for monitor-drift."}}}');
// EXTERNAL MODULE: ./src/core/errors.ts
var core_errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/core/config/source.ts
var config_source = __webpack_require__(105);
;// CONCATENATED MODULE: ./src/core/config/secrets.ts
/**
 * mlgate.yml is committed to the repository, so a credential in it is leaked the moment it is
 * pushed. Refuse secret-looking keys and values, without ever echoing the value.
 */



/** Whole words of a key (split at `-`, `_`, `.` and camelCase humps) that name a credential. */
const SECRET_WORDS = new Set(["password", "passwd", "pwd", "secret", "token", "sas", "credential", "credentials"]);
/** Word runs that name a credential only together: `connection-string`, `account_key`, `apiKey`. */
const SECRET_PHRASES = ["connectionstring", "accountkey", "accesskey", "apikey", "privatekey", "sharedkey"];
const SECRET_VALUES = [
    /AccountKey=/i,
    /SharedAccessSignature=/i,
    /SharedAccessKey=/i,
    /(^|[?&;\s])sig=/i,
    /(^|;)\s*password\s*=/i,
    /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
];
const FIX = "use an environment variable / secret variable (AZURE_STORAGE_CONNECTION_STRING, a GitHub Actions secret or an Azure Pipelines secret variable or service connection) and remove it from the file";
function isSecretKey(key) {
    const words = key
        .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
        .toLowerCase()
        .split(/[\s\-_.]+/)
        .filter(Boolean);
    const joined = words.join("");
    return words.some((word) => SECRET_WORDS.has(word)) || SECRET_PHRASES.some((phrase) => joined.includes(phrase));
}
function isSecretValue(value) {
    return SECRET_VALUES.some((pattern) => pattern.test(value));
}
/** Throws an InputError at the first secret-looking key or value. */
function refuseSecrets(source) {
    walk(source, source.doc.contents, []);
}
function walk(source, node, segments) {
    if ((0,dist/* isMap */.jh)(node)) {
        for (const pair of node.items) {
            const key = (0,config_source/* scalarText */.ws)(pair.key) ?? "";
            const path = [...segments, key];
            if (isSecretKey(key) || isSecretValue(key))
                throw secretError(source, path, "key");
            walk(source, pair.value, path);
        }
    }
    else if ((0,dist/* isSeq */.oP)(node)) {
        node.items.forEach((item, index) => {
            walk(source, item, [...segments, String(index)]);
        });
    }
    else if ((0,dist/* isScalar */.jn)(node) && typeof node.value === "string" && isSecretValue(node.value)) {
        throw secretError(source, segments, "value");
    }
}
function secretError(source, segments, at) {
    const what = at === "key" ? "this key names a credential" : "this value looks like a credential";
    const where = (0,config_source/* locate */.x5)(source, segments, at);
    // The key path itself may hold the credential (a connection string written as a key): never echo it.
    if (segments.some(isSecretValue))
        where.key = undefined;
    return new core_errors/* InputError */.dz(`secrets do not belong in mlgate.yml (${what})`, where, FIX);
}

// EXTERNAL MODULE: ./src/core/config/closest.ts
var closest = __webpack_require__(2349);
;// CONCATENATED MODULE: ./src/core/config/violations.ts



/** Ajv reports the failing branches of an `anyOf` before the `anyOf` itself: the latter is the one to show. */
function violationError(source, errors) {
    const error = errors.find((candidate) => candidate.keyword === "anyOf") ?? errors[0];
    if (!error)
        return new core_errors/* InputError */.dz("does not match the mlgate.yml schema", { file: source.file });
    const segments = pointerSegments(error.instancePath);
    const params = error.params;
    switch (error.keyword) {
        case "additionalProperties": {
            const unknown = String(params.additionalProperty);
            const allowed = Object.keys(error.parentSchema?.properties ?? {});
            return new core_errors/* InputError */.dz(unknownKeyProblem(segments, unknown), (0,config_source/* locate */.x5)(source, [...segments, unknown], "key"), unknownKeyFix(segments, unknown, allowed));
        }
        case "required": {
            const missing = String(params.missingProperty);
            const where = { ...(0,config_source/* locate */.x5)(source, segments), key: (0,config_source/* keyPath */.Dw)([...segments, missing]) };
            const fix = missing === "version" ? "add `version: 1` as the first line" : `add \`${missing}:\``;
            return new core_errors/* InputError */.dz("is missing", where, fix);
        }
        case "type":
            return typeError(source, segments, String(params.type).split(","));
        case "anyOf": {
            const types = errors.filter((other) => other.keyword === "type").map((other) => String(other.params.type));
            return typeError(source, segments, types.join(",").split(","));
        }
        case "const":
            return new core_errors/* InputError */.dz(`must be ${JSON.stringify(params.allowedValue)}`, (0,config_source/* locate */.x5)(source, segments), segments.join(".") === "version" ? "this mlgate understands `version: 1`" : undefined);
        case "enum": {
            const options = params.allowedValues.map(String);
            const suggestion = typeof error.data === "string" ? (0,closest/* closest */.k)(error.data, options) : undefined;
            return new core_errors/* InputError */.dz(`must be one of: ${options.join(", ")}`, (0,config_source/* locate */.x5)(source, segments), suggestion ? `did you mean '${suggestion}'?` : `use one of: ${options.join(", ")}`);
        }
        default:
            return new core_errors/* InputError */.dz(error.message ?? "is not valid", (0,config_source/* locate */.x5)(source, segments), "see schema/mlgate.schema.json");
    }
}
function unknownKeyProblem(segments, unknown) {
    if (segments.length === 0)
        return `unknown top-level key '${unknown}'`;
    if ((0,config_source/* keyPath */.Dw)(segments) === "tasks")
        return `unknown task '${unknown}'`;
    return `'${unknown}' is not a setting mlgate.yml can hold here`;
}
function unknownKeyFix(segments, unknown, allowed) {
    const suggestion = (0,closest/* closest */.k)(unknown, allowed);
    const list = allowed.length > 0 ? `allowed: ${allowed.join(", ")}` : "nothing can be set here";
    const inInputsSection = segments[0] === "defaults" || (segments[0] === "tasks" && segments.length === 2);
    const inputsElsewhere = inInputsSection
        ? "; other inputs are given in the workflow, pipeline or on the command line"
        : "";
    return `${suggestion ? `did you mean '${suggestion}'? ` : ""}${list}${inputsElsewhere}`;
}
const TYPE_WORDS = {
    object: { problem: "a mapping of keys to values", fix: "write `key: value` pairs indented under it" },
    array: { problem: "a list", fix: "write one `- item` per line" },
    string: { problem: "text", fix: "quote it if YAML reads it as something else" },
    boolean: { problem: "true or false", fix: "write true or false, without quotes" },
    integer: { problem: "a whole number", fix: "write the number without quotes" },
    number: { problem: "a number", fix: "write the number without quotes" },
};
function typeError(source, segments, types) {
    const words = [...new Set(types)].map((type) => TYPE_WORDS[type] ?? { problem: type, fix: `write ${type}` });
    const problem = `must be ${words.map((word) => word.problem).join(" or ")}`;
    return new core_errors/* InputError */.dz(problem, (0,config_source/* locate */.x5)(source, segments), words[0]?.fix);
}
/** RFC 6901: `/tasks/register/a~1b` → `["tasks", "register", "a/b"]`. */
function pointerSegments(pointer) {
    if (pointer === "")
        return [];
    return pointer
        .slice(1)
        .split("/")
        .map((segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~"));
}

;// CONCATENATED MODULE: ./src/core/config/parse.ts
/** Parses and validates the text of mlgate.yml (loaded lazily by loadConfig). */







/** Parses and validates mlgate.yml's text; `file` is only used to name the file in messages. */
function parseConfig(text, file) {
    const lines = new dist/* LineCounter */.HN();
    // prettyErrors off: the pretty form quotes the source line, which could hold a secret.
    const doc = (0,dist/* parseDocument */.Tp)(text, { lineCounter: lines, prettyErrors: false });
    const source = { file, doc, lines };
    const [syntaxError] = doc.errors;
    if (syntaxError) {
        const { line, col } = lines.linePos(syntaxError.pos[0]);
        const { problem, fix } = yamlProblem(syntaxError);
        throw new core_errors/* InputError */.dz(problem, { file, line, column: col }, fix);
    }
    if (doc.contents === null)
        throw new core_errors/* InputError */.dz("is empty", { file }, "add `version: 1`, or delete the file");
    refuseSecrets(source);
    let values;
    try {
        values = doc.toJS();
    }
    catch (error) {
        // an alias to a missing anchor, or aliases that expand without bound
        throw new core_errors/* InputError */.dz(`invalid YAML: ${error.message}`, { file }, "fix the anchors (&name) and aliases (*name)");
    }
    const validate = configValidator();
    if (!validate(values))
        throw violationError(source, validate.errors ?? []);
    const { $schema: _editorHint, ...settings } = values;
    return { ...settings, file, locate: (path) => (0,config_source/* locate */.x5)(source, path.split(".")) };
}
function yamlProblem(error) {
    if (error.code === "MULTIPLE_DOCS") {
        return { problem: "holds more than one YAML document", fix: "keep one document: remove the `---` separator" };
    }
    return { problem: `invalid YAML: ${error.message.split("\n")[0]}`, fix: "fix the YAML syntax at that position" };
}
let compiled;
function configValidator() {
    // verbose: the unknown-key message lists the allowed keys from the failing (parent) schema.
    compiled ??= new ajv.Ajv({ allowUnionTypes: true, verbose: true }).compile(mlgate_schema_namespaceObject);
    return compiled;
}


/***/ })

};
