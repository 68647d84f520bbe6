export const id = 247;
export const ids = [247,63];
export const modules = {

/***/ 3247:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   findBlobSources: () => (/* binding */ findBlobSources)
/* harmony export */ });
/* harmony import */ var _azure_storage_blob__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8053);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4296);
/* harmony import */ var _store_blob_connect_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7063);
/* harmony import */ var _store_blob_errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2388);
/* harmony import */ var _glob_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3460);





const SAS_FIX = "check the SAS token in the URL: read and list permissions, and not expired";
const UNREACHABLE = new Set(["ENOTFOUND", "ECONNREFUSED", "EAI_AGAIN", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH"]);
const CREDENTIAL_ERRORS = new Set([
    "CredentialUnavailableError",
    "AuthenticationError",
    "AggregateAuthenticationError",
]);
async function findBlobSources(pattern, options) {
    const { container, credentialFix } = await connect(pattern, options);
    const fail = (error, file) => dataError(error, file, credentialFix);
    if (!(0,_glob_js__WEBPACK_IMPORTED_MODULE_4__/* .hasGlob */ .bz)(pattern.path)) {
        const blob = container.getBlobClient(pattern.path);
        const properties = await blob.getProperties().catch((error) => {
            throw fail(error, pattern.shown);
        });
        return [blobSource(blob, pattern.shown, properties.contentLength ?? 0, fail)];
    }
    const { base, glob } = (0,_glob_js__WEBPACK_IMPORTED_MODULE_4__/* .splitGlob */ .VK)(pattern.path);
    const prefix = base ? `${base}/` : "";
    const matcher = (0,_glob_js__WEBPACK_IMPORTED_MODULE_4__/* .globToRegExp */ .tL)(glob);
    const found = [];
    try {
        for await (const item of container.listBlobsFlat({ prefix })) {
            if (!matcher.test(item.name.slice(prefix.length)))
                continue;
            const name = `${pattern.shownBase}${item.name}`;
            found.push(blobSource(container.getBlobClient(item.name), name, item.properties.contentLength ?? 0, fail));
        }
    }
    catch (error) {
        throw fail(error, pattern.shown);
    }
    if (found.length === 0) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz("no blob matches", { file: pattern.shown }, "check the container and the pattern");
    }
    return found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
async function connect(pattern, options) {
    if (pattern.sas && pattern.account.kind === "url") {
        const url = `${pattern.account.endpoint}/${pattern.container}?${pattern.sas}`;
        return { container: new _azure_storage_blob__WEBPACK_IMPORTED_MODULE_0__/* .ContainerClient */ .bM(url), credentialFix: SAS_FIX };
    }
    const { service, credentialFix } = await (0,_store_blob_connect_js__WEBPACK_IMPORTED_MODULE_2__.connectBlobService)(pattern.account, options, {
        noun: "data source",
        where: { file: pattern.shown },
    });
    return { container: service.getContainerClient(pattern.container), credentialFix };
}
function blobSource(blob, name, size, fail) {
    return {
        name,
        size,
        async *stream() {
            try {
                const response = await blob.download(0, undefined, { maxRetryRequests: 5 });
                for await (const chunk of response.readableStreamBody ?? [])
                    yield chunk;
            }
            catch (error) {
                throw fail(error, name);
            }
        },
        async read(start, end) {
            try {
                const response = await blob.download(start, end - start, { maxRetryRequests: 5 });
                const chunks = [];
                for await (const chunk of response.readableStreamBody ?? [])
                    chunks.push(chunk);
                return Buffer.concat(chunks);
            }
            catch (error) {
                throw fail(error, name);
            }
        },
    };
}
/** Storage failures as the error contract has them: bad environment is an InputError naming the fix. */
function dataError(error, file, credentialFix) {
    if (error instanceof _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz)
        return error;
    const status = (0,_store_blob_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .storageStatus */ .y4)(error);
    const code = (0,_store_blob_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .storageCode */ .H4)(error);
    const name = error?.name ?? "";
    if (status === 404) {
        const problem = code === "ContainerNotFound" ? "the container does not exist" : "not found";
        return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(problem, { file }, "check the container and the path");
    }
    if (status === 401 || status === 403) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`access was denied (${status}${code ? ` ${code}` : ""})`, { file }, credentialFix);
    }
    if (CREDENTIAL_ERRORS.has(name))
        return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz("no usable Azure credential", { file }, credentialFix);
    if (status === undefined && code !== undefined && UNREACHABLE.has(code)) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(`cannot reach the storage account (${code})`, { file }, "check the account name in the URL or connection string, and the network");
    }
    const message = error?.message ?? String(error);
    return new Error(`${file}: reading failed (${status ?? code ?? name}): ${(0,_store_blob_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .scrubSecrets */ .Zg)(message.split("\n")[0] ?? "")}`);
}


/***/ }),

/***/ 7063:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  connectBlobBackend: () => (/* binding */ connectBlobBackend),
  connectBlobService: () => (/* binding */ connectBlobService)
});

// EXTERNAL MODULE: ./node_modules/@azure/storage-blob/dist/esm/index.js + 150 modules
var esm = __webpack_require__(8053);
// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/core/store/backend.ts
var backend = __webpack_require__(3193);
// EXTERNAL MODULE: ./src/core/store/blob-errors.ts
var blob_errors = __webpack_require__(2388);
;// CONCATENATED MODULE: ./src/core/store/blob-backend.ts


class BlobBackend {
    container;
    prefix;
    context;
    /** shared by concurrent first writers */
    containerCreation;
    constructor(container, 
    /** "" or a blob-name prefix ending in `/` */
    prefix, context) {
        this.container = container;
        this.prefix = prefix;
        this.context = context;
    }
    get location() {
        return this.context.location;
    }
    async read(key) {
        const blob = this.blob(key);
        try {
            const response = await blob.download(0, undefined, { maxRetryRequests: 5 });
            const chunks = [];
            for await (const chunk of response.readableStreamBody ?? [])
                chunks.push(chunk);
            return { data: Buffer.concat(chunks), etag: response.etag ?? "" };
        }
        catch (error) {
            if ((0,blob_errors/* storageStatus */.y4)(error) === 404)
                return undefined;
            throw (0,blob_errors/* toStoreError */.D5)(error, this.context, `reading '${key}'`);
        }
    }
    async exists(key) {
        try {
            return await this.blob(key).exists();
        }
        catch (error) {
            throw (0,blob_errors/* toStoreError */.D5)(error, this.context, `checking '${key}'`);
        }
    }
    async createIfAbsent(key, data, metadata) {
        const blob = this.blob(key);
        try {
            await this.withContainer(() => blob.uploadData(data, { conditions: { ifNoneMatch: "*" }, metadata }));
            return true;
        }
        catch (error) {
            if (!isConflict(error))
                throw (0,blob_errors/* toStoreError */.D5)(error, this.context, `writing '${key}'`);
            const current = await this.read(key);
            return current?.data.equals(data) === true;
        }
    }
    async compareAndSwap(key, data, expected) {
        const blob = this.blob(key);
        const conditions = expected === null ? { ifNoneMatch: "*" } : { ifMatch: expected };
        try {
            const response = await this.withContainer(() => blob.upload(data, data.length, { conditions }));
            return response.etag;
        }
        catch (error) {
            // If-Match on a blob (or container) that does not exist: nothing to swap
            const missing = (0,blob_errors/* storageStatus */.y4)(error) === 404 && expected !== null;
            if (!isConflict(error) && !missing)
                throw (0,blob_errors/* toStoreError */.D5)(error, this.context, `writing '${key}'`);
            const current = await this.read(key);
            return current?.data.equals(data) ? current.etag : undefined;
        }
    }
    async list(prefix, options = {}) {
        const found = [];
        try {
            const pages = this.container
                .listBlobsFlat({ prefix: this.prefix + prefix, includeMetadata: options.metadata === true })
                .byPage({ maxPageSize: 5000 });
            for await (const page of pages) {
                for (const item of page.segment.blobItems) {
                    const key = item.name.slice(this.prefix.length);
                    found.push(options.metadata ? { key, metadata: item.metadata ?? {} } : { key });
                }
            }
        }
        catch (error) {
            if ((0,blob_errors/* storageCode */.H4)(error) === "ContainerNotFound")
                return [];
            throw (0,blob_errors/* toStoreError */.D5)(error, this.context, `listing '${prefix}'`);
        }
        return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    }
    async children(prefix) {
        const names = new Set();
        const start = this.prefix.length + prefix.length;
        try {
            for await (const item of this.container.listBlobsByHierarchy("/", { prefix: this.prefix + prefix })) {
                names.add(item.name.slice(start).replace(/\/$/, ""));
            }
        }
        catch (error) {
            if ((0,blob_errors/* storageCode */.H4)(error) === "ContainerNotFound")
                return [];
            throw (0,blob_errors/* toStoreError */.D5)(error, this.context, `listing '${prefix}'`);
        }
        return [...names].sort();
    }
    async leftovers() {
        return [];
    }
    /** Runs a write; a missing container is created once, on the first write that needs it. */
    async withContainer(write) {
        try {
            return await write();
        }
        catch (error) {
            if ((0,blob_errors/* storageCode */.H4)(error) !== "ContainerNotFound")
                throw error;
            this.containerCreation ??= this.container.createIfNotExists().catch((failure) => {
                this.containerCreation = undefined;
                throw failure;
            });
            await this.containerCreation;
            return write();
        }
    }
    blob(key) {
        (0,backend/* assertValidKey */.M)(key);
        return this.container.getBlockBlobClient(this.prefix + key);
    }
}
function isConflict(error) {
    const status = (0,blob_errors/* storageStatus */.y4)(error);
    return status === 409 || status === 412;
}

// EXTERNAL MODULE: ./src/core/store/location.ts
var store_location = __webpack_require__(5278);
;// CONCATENATED MODULE: ./src/core/store/blob-connect.ts




const CONNECTION_STRING_FIX = "check AZURE_STORAGE_CONNECTION_STRING (account name, key or SAS token, and endpoint)";
const IDENTITY_FIX = "set AZURE_STORAGE_CONNECTION_STRING, or give the Azure identity the 'Storage Blob Data Contributor' role on the account";
const REGISTRY_SUBJECT = {
    noun: "registry",
    where: { key: "registry" },
    expectedForms: store_location/* EXPECTED_FORMS */.T,
};
async function connectBlobBackend(location, options) {
    const { service, credentialFix } = await connectBlobService(location, options, REGISTRY_SUBJECT);
    const container = service.getContainerClient(location.container);
    const shown = `${withoutQuery(container.url)}/${location.prefix}`.replace(/\/$/, "");
    return new BlobBackend(container, location.prefix, { location: shown, credentialFix });
}
/**
 * The service client for a location. Credentials, in order: AZURE_STORAGE_CONNECTION_STRING from the
 * host's env, the credential the host obtained (service connection), DefaultAzureCredential.
 */
async function connectBlobService(location, options, subject) {
    const pipeline = {
        retryOptions: { maxTries: 5, retryDelayInMs: 500, maxRetryDelayInMs: 8_000, ...options.retry },
    };
    const connectionString = options.env.AZURE_STORAGE_CONNECTION_STRING?.trim();
    if (connectionString) {
        return {
            service: fromConnectionString(connectionString, location, pipeline, subject),
            credentialFix: CONNECTION_STRING_FIX,
        };
    }
    const endpoint = location.kind === "url" ? location.endpoint : accountEndpoint(options.env, subject);
    const credential = options.credential ?? new (await __webpack_require__.e(/* import() */ 952).then(__webpack_require__.bind(__webpack_require__, 3952))).DefaultAzureCredential();
    return { service: new esm/* BlobServiceClient */.wS(endpoint, credential, pipeline), credentialFix: IDENTITY_FIX };
}
function fromConnectionString(connectionString, location, pipeline, subject) {
    let service;
    try {
        service = esm/* BlobServiceClient */.wS.fromConnectionString(connectionString, pipeline);
    }
    catch {
        throw new errors/* InputError */.dz("AZURE_STORAGE_CONNECTION_STRING is not a valid storage connection string", subject.where, "copy it from the storage account's 'Access keys' page, or use UseDevelopmentStorage=true for Azurite");
    }
    if (location.kind === "az" || sameEndpoint(service.url, location.endpoint))
        return service;
    if (service.credential instanceof esm/* StorageSharedKeyCredential */.Z3 && service.accountName === location.account) {
        return new esm/* BlobServiceClient */.wS(location.endpoint, service.credential, pipeline);
    }
    throw new errors/* InputError */.dz(`the ${subject.noun} location names storage account '${location.account}' but AZURE_STORAGE_CONNECTION_STRING is for '${service.accountName}'`, subject.where, "use az://<container>/<prefix> with the connection string's account, or the connection string of that account");
}
function accountEndpoint(env, subject) {
    const account = env.AZURE_STORAGE_ACCOUNT?.trim();
    if (!account) {
        throw new errors/* InputError */.dz(`an az:// ${subject.noun} needs the storage account: set AZURE_STORAGE_ACCOUNT or AZURE_STORAGE_CONNECTION_STRING`, subject.where, subject.expectedForms);
    }
    if (!/^[a-z0-9]{3,24}$/.test(account)) {
        throw new errors/* InputError */.dz(`AZURE_STORAGE_ACCOUNT ${JSON.stringify(account)} is not a storage account name (3–24 lowercase letters and digits)`, subject.where);
    }
    return `https://${account}.blob.core.windows.net`;
}
function sameEndpoint(serviceUrl, endpoint) {
    const normalise = (url) => withoutQuery(url).replace(/\/+$/, "").toLowerCase();
    return normalise(serviceUrl) === normalise(endpoint);
}
function withoutQuery(url) {
    return url.replace(/[?#].*$/, "");
}


/***/ })

};
