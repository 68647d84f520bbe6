/** Masked values, shared by a host's logs, summaries and comments: told to the runner once, redacted everywhere we print. */
import { redactSecrets } from "../core/report/redact.js";

export interface SecretKeeper {
  mask(secret: string): void;
  redact(text: string): string;
}

/** `tellRunner` registers the value with the CI runner's own log masking (GitHub ::add-mask::, Azure setSecret). */
export function secretKeeper(tellRunner: (secret: string) => void = () => {}): SecretKeeper {
  const secrets: string[] = [];
  return {
    mask: (secret) => {
      if (!secret) return;
      tellRunner(secret);
      secrets.push(secret);
    },
    redact: (text) => (secrets.length > 0 ? redactSecrets(text, secrets) : text),
  };
}
