/** The part of @vercel/ncc's programmatic API the build uses (the package ships no types). */
declare module "@vercel/ncc" {
  interface NccOptions {
    /** `false` disables the cache, which otherwise corrupts ESM builds */
    cache?: string | false;
    externals?: string[];
    filename?: string;
    minify?: boolean;
    quiet?: boolean;
    target?: string;
    /** skip type checking (the typecheck script does that) */
    transpileOnly?: boolean;
  }

  interface NccAsset {
    source: string | Buffer;
    permissions: number;
  }

  interface NccResult {
    code: string;
    assets: Record<string, NccAsset>;
  }

  export default function ncc(entry: string, options?: NccOptions): Promise<NccResult>;
}
