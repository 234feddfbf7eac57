import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { UsageError } from '../engine/errors.ts';

/** How the suite verifies an HTTPS target (`--ca FILE`, `--insecure`). */
export interface TlsOptions {
  /** PEM text of the certificate(s) to trust instead of the system's CAs (the endpoint's CA, or its self-signed certificate). */
  ca?: string;
  /** No verification at all: any certificate, any host name. */
  insecure?: boolean;
}

const CA_HINT =
  "Pass the endpoint's CA certificate (or its self-signed certificate) as a PEM file: the text between -----BEGIN CERTIFICATE----- and -----END CERTIFICATE-----.";
const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** Reads `--ca FILE`: PEM text with at least one certificate, each of which parses; anything else is a usage error saying why. */
export function readCaFile(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT') throw new UsageError(`--ca: no such file ${path}`, CA_HINT);
    if (code === 'EISDIR') throw new UsageError(`--ca: ${path} is a directory, not a PEM certificate file`, CA_HINT);
    throw new UsageError(`--ca: cannot read ${path}: ${(error as Error).message}`, CA_HINT);
  }
  const blocks = text.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) throw new UsageError(`--ca: ${path} holds no PEM certificate (no -----BEGIN CERTIFICATE----- block)`, CA_HINT);
  blocks.forEach((block, index) => {
    try {
      new X509Certificate(block);
    } catch (error) {
      throw new UsageError(`--ca: ${path}: certificate ${index + 1} of ${blocks.length} is not a valid certificate: ${(error as Error).message}`, CA_HINT);
    }
  });
  return blocks.join('\n');
}

/** The `connect` options of undici's Agent for these TLS options (the system's CAs and full verification by default). */
export function tlsConnectOptions(tls: TlsOptions | undefined): { ca?: string; rejectUnauthorized: boolean } {
  return { ...(tls?.ca !== undefined ? { ca: tls.ca } : {}), rejectUnauthorized: !tls?.insecure };
}
