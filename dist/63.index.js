export const id = 63;
export const ids = [63];
export const modules = {

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
