import type { ConformanceConfig } from '../engine/config/config-model.ts';
import type { HttpRequestPlan } from '../engine/request/request-to-http.ts';
import type { PlannedCase } from '../engine/run/run-model.ts';
import { curlCommand, shellQuote } from './curl-command.ts';
import { redactHeaders, replacedEverywhere, type Redactor } from './redaction.ts';

/**
 * The environment variables a reproducer curl reads its secrets from, instead of printing them:
 * set them and the command runs as printed.
 */
export const CURL_VARIABLES = {
  token: 'CONFORMANCE_AUTH_TOKEN',
  accessKeyId: 'AWS_ACCESS_KEY_ID',
  secretAccessKey: 'AWS_SECRET_ACCESS_KEY',
  sessionToken: 'AWS_SESSION_TOKEN',
  privateKey: 'CLOUDBASIC_PRIVATE_KEY',
} as const;

const SIGV4_COMPUTED = new Set(['authorization', 'x-amz-date', 'host', 'x-amz-security-token']);

/** A JSON body as one shell word, each secret in it spliced in as "$VARIABLE" (outside the single quotes, so the shell expands it). */
function bodyWord(body: string, secrets: [string, string][], redact: Redactor): string {
  let word = shellQuote(body);
  for (const [value, variable] of secrets) {
    if (value.length >= 4) word = replacedEverywhere(word, value, `'"$${variable}"'`);
  }
  // Anything else secret (an echoed signature…) stays redacted.
  return redact(word);
}

/**
 * A curl command that reproduces the case as sent: the configured token as "$CONFORMANCE_AUTH_TOKEN",
 * a SigV4 request signed by curl itself (`--aws-sigv4` with "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY"),
 * the deliberately wrong token as it was (it is no secret), and the CloudBasic private key as
 * "$CLOUDBASIC_PRIVATE_KEY". A deliberately wrong or expired signature cannot be remade by curl:
 * those show the headers as sent, the signature redacted.
 */
export function reproducerCurl(
  plan: HttpRequestPlan,
  sent: Record<string, string>,
  credentials: PlannedCase['credentials'],
  config: ConformanceConfig,
  sigv4: boolean,
  redact: Redactor,
): string {
  const secrets: [string, string][] = [[String(config.fixtures['cloudbasic-cluster']?.privateKey ?? ''), CURL_VARIABLES.privateKey]];
  const body = plan.body === undefined ? undefined : bodyWord(plan.body, secrets, redact);
  const configured = (credentials ?? 'configured') === 'configured';
  if (sigv4 && configured) {
    const { region, service } = config.auth.sigv4;
    const headers = Object.entries(sent).filter(([name]) => !SIGV4_COMPUTED.has(name.toLowerCase()));
    return [
      'curl -i -X',
      plan.method,
      shellQuote(plan.url.toString()),
      '--aws-sigv4',
      shellQuote(`aws:amz:${region}:${service}`),
      '--user',
      `"$${CURL_VARIABLES.accessKeyId}:$${CURL_VARIABLES.secretAccessKey}"`,
      ...(config.auth.sigv4.sessionToken ? ['-H', `"x-amz-security-token: $${CURL_VARIABLES.sessionToken}"`] : []),
      ...headers.flatMap(([name, value]) => ['-H', shellQuote(`${name}: ${redact(value)}`)]),
      ...(body === undefined ? [] : ['--data-binary', body]),
    ].join(' ');
  }
  if (!sigv4 && configured) {
    const headers = Object.entries(sent).filter(([name]) => name.toLowerCase() !== 'x-auth-token');
    const token = sent['x-auth-token'] === undefined ? [] : ['-H', `"X-Auth-Token: $${CURL_VARIABLES.token}"`];
    return [
      'curl -i -X',
      plan.method,
      shellQuote(plan.url.toString()),
      ...token,
      ...headers.flatMap(([name, value]) => ['-H', shellQuote(`${name}: ${redact(value)}`)]),
      ...(body === undefined ? [] : ['--data-binary', body]),
    ].join(' ');
  }
  // The deliberately wrong token is shown as sent; a wrong or expired signature redacted.
  const shown = credentials === 'wrong-token' ? { ...redactHeaders(sent, redact), 'x-auth-token': sent['x-auth-token'] ?? '' } : redactHeaders(sent, redact);
  return curlCommand(plan.method, plan.url.toString(), shown, undefined) + (body === undefined ? '' : ` --data-binary ${body}`);
}
