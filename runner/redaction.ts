import { mapHeaderValues } from './header-values.ts';

/** Every secret of the config is replaced before anything is printed or written. */
export const REDACTED = '<redacted>';

export type Redactor = (text: string) => string;

/**
 * Every occurrence of `value` in `text` replaced by `replacement`, taken as it is (a `$` in it is
 * no pattern). Most texts hold no secret: looking first costs half what replacing nothing did.
 */
export function replacedEverywhere(text: string, value: string, replacement: string): string {
  return text.includes(value) ? text.replaceAll(value, () => replacement) : text;
}

/** A redactor for these secret values, plus any SigV4 signature (derived from the secret). */
export function createRedactor(secrets: string[]): Redactor {
  const values = [...new Set(secrets.filter((secret) => secret.length >= 4))].sort((a, b) => b.length - a.length);
  return (text) => {
    let redacted = text.includes('Signature=') ? text.replace(/Signature=[0-9a-f]{64}/g, `Signature=${REDACTED}`) : text;
    for (const value of values) redacted = replacedEverywhere(redacted, value, REDACTED);
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
  return signature ? (text) => replacedEverywhere(redact(text), signature, REDACTED) : redact;
}

export function redactHeaders(headers: Record<string, string>, redact: Redactor): Record<string, string> {
  return mapHeaderValues(headers, (value, name) => (CREDENTIAL_HEADERS.has(name.toLowerCase()) ? redactCredential(name, value) : redact(value)));
}

function redactCredential(name: string, value: string): string {
  if (name.toLowerCase() !== 'authorization') return REDACTED;
  // Keep the scheme and scope a reader needs; drop the signature.
  return value.replace(/Signature=[^,\s]*/g, `Signature=${REDACTED}`).replace(/Credential=\s*[^/,\s]+/, `Credential=${REDACTED}`);
}
