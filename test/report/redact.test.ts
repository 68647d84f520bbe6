import { describe, expect, it } from "vitest";
import { redactSecrets } from "../../src/core/report/redact.js";

const SECRET = "p@ss/word+with=chars";

describe("redactSecrets", () => {
  it("masks a secret wherever it appears", () => {
    expect(redactSecrets(`a ${SECRET} b ${SECRET}`, [SECRET])).toBe("a *** b ***");
  });

  it("masks its URL-encoded, base64 and JSON-escaped forms", () => {
    const quoted = 'say "hi"\\now';
    const text = [
      `url=${encodeURIComponent(SECRET)}`,
      `b64=${Buffer.from(SECRET).toString("base64")}`,
      `b64url=${Buffer.from(SECRET).toString("base64url")}`,
      `json=${JSON.stringify({ v: quoted })}`,
    ].join(" ");
    expect(redactSecrets(text, [SECRET, quoted])).toBe('url=*** b64=*** b64url=*** json={"v":"***"}');
  });

  it("masks the key inside a connection string even when it appears alone", () => {
    const key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    const connection = `DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${key};EndpointSuffix=core.windows.net`;
    expect(redactSecrets(`using ${connection}`, [connection])).toBe("using ***");
    expect(redactSecrets(`signing with ${key}`, [connection])).toBe("signing with ***");
  });

  it("masks the longer of overlapping secrets whole", () => {
    expect(redactSecrets("abcdef", ["abc", "abcdef"])).toBe("***");
  });

  it("ignores empty secrets and leaves other text alone", () => {
    expect(redactSecrets("nothing to hide", ["", "absent"])).toBe("nothing to hide");
  });
});
