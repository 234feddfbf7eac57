/**
 * The AWS Signature Version 4 keys and scope of the CloudBasic API (config `auth.sigv4`).
 * The client signs with them; the embedded mock accepts exactly them.
 * `secretAccessKey` is a secret: it must never appear in any output.
 */
export interface SigV4Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  service: string;
  /** Temporary credentials' session token, sent and signed as X-Amz-Security-Token. A secret too. */
  sessionToken?: string;
}
