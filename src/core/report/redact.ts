/** Last line of defence before text leaves the process (logs, summaries, PR comments). */

const MASK = "***";
/** Parts of an Azure connection string that are secrets on their own. */
const SECRET_PARTS = /(?:^|;)\s*(?:AccountKey|SharedAccessSignature|SharedAccessKey)=([^;]+)/gi;

/** Replaces every secret, and its URL-encoded, base64 and JSON-escaped forms, with `***`. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  const forms = new Set<string>();
  for (const secret of secrets) {
    for (const part of [secret, ...[...secret.matchAll(SECRET_PARTS)].map((match) => match[1] ?? "")]) {
      for (const form of encodings(part)) if (form.length > 0) forms.add(form);
    }
  }
  // Longest first, so a form that contains another is masked whole.
  return [...forms].sort((a, b) => b.length - a.length).reduce((result, form) => result.split(form).join(MASK), text);
}

function encodings(secret: string): string[] {
  const bytes = Buffer.from(secret, "utf8");
  return [
    secret,
    encodeURIComponent(secret),
    bytes.toString("base64"),
    bytes.toString("base64url"),
    JSON.stringify(secret).slice(1, -1),
  ];
}
