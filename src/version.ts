import manifest from "../package.json" with { type: "json" };

export const mlgateVersion: string = manifest.version;
