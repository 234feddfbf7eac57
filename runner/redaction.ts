import { mapHeaderValues } from './header-values.ts';

/** Every secret of the config is replaced before anything is printed or written. */
export const REDACTED = '<redacted>';

export type Redactor = (text: string) => string;

/** A redactor for these secret values, plus any SigV4 signature (derived from the secret). */
export function createRedactor(secrets: string[]): Redactor {
  const values = [...new Set(secrets.filter((secret) => secret.length >= 4))].sort((a, b) => b.length - a.length);
  // Most texts hold no secret: looking first is much cheaper than splitting every text by every secret.
  return (text) => {
    let redacted = text.includes('Signature=') ? text.replace(/Signature=[0-9a-f]{64}/g, `Signature=${REDACTED}`) : text;
    for (const value of values) if (redacted.includes(value)) redacted = redacted.split(value).join(REDACTED);
    return redacted;
  };
}

/** Header values that are credentials are redacted whatever they hold (a wrong token is still a token). */
const CREDENTIAL_HEADERS = new Set(['x-auth-token', 'authorization']);

/** The 64-hex signature of a SigV4 Authorization header, if it carries one. */
export function signatureOf(headers: Record<string, string>): string | undefined {
  const authorization = Object.entries(headers).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
  return /Signature=([0-9a-f]{64})/.exec(authorization ?? '')?.[1];
}

/** A target may echo the bare signature of the request it answers (S3's SignatureDoesNotMatch does): redact that one too. */
export function withSignatureRedacted(redact: Redactor, signature: string | undefined): Redactor {
  if (!signature) return redact;
  return (text) => {
    const redacted = redact(text);
    return redacted.includes(signature) ? redacted.split(signature).join(REDACTED) : redacted;
  };
}

export function redactHeaders(headers: Record<string, string>, redact: Redactor): Record<string, string> {
  return mapHeaderValues(headers, (value, name) => (CREDENTIAL_HEADERS.has(name.toLowerCase()) ? redactCredential(name, value) : redact(value)));
}

function redactCredential(name: string, value: string): string {
  if (name.toLowerCase() !== 'authorization') return REDACTED;
  // Keep the scheme and scope a reader needs; drop the signature.
  return value.replace(/Signature=[^,\s]*/g, `Signature=${REDACTED}`).replace(/Credential=\s*[^/,\s]+/, `Credential=${REDACTED}`);
}
