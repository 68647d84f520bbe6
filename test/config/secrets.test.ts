import { describe, expect, it } from "vitest";
import { isSecretKey, isSecretValue } from "../../src/core/config/secrets.js";

describe("secret detection", () => {
  it.each([
    "password",
    "connection-string",
    "connectionString",
    "AZURE_STORAGE_CONNECTION_STRING",
    "token",
    "github-token",
    "sas",
    "sas-token",
    "account-key",
    "accountKey",
    "client_secret",
    "api-key",
    "private-key",
  ])("refuses the key %s", (key) => {
    expect(isSecretKey(key)).toBe(true);
  });

  it.each(["registry", "name", "tokenizer", "max-tokens", "keys", "alias", "passthrough", "sastrugi"])(
    "accepts the key %s",
    (key) => {
      expect(isSecretKey(key)).toBe(false);
    },
  );

  it.each([
    "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=abc==;EndpointSuffix=core.windows.net",
    "BlobEndpoint=https://a.blob.core.windows.net/;SharedAccessSignature=sv=2022&sig=abc",
    "https://a.blob.core.windows.net/models?sv=2022-11-02&ss=b&sig=abc%3D",
    "sig=abc",
    "Server=db;User Id=me;Password=hunter2",
    "-----BEGIN RSA PRIVATE KEY-----",
  ])("refuses the value %s", (value) => {
    expect(isSecretValue(value)).toBe(true);
  });

  it.each(["az://models/churn", "https://a.blob.core.windows.net/models/churn", "design=minimal", "signature=off"])(
    "accepts the value %s",
    (value) => {
      expect(isSecretValue(value)).toBe(false);
    },
  );
});
