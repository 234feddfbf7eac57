import type { CaseExample } from './report-model.ts';
import { html, type Html } from './html-template.ts';

/** Long bodies are cut in the report (the JSON results hold them whole). */
const MAX_BODY_CHARACTERS = 6000;
/** Beyond this a curl command is cut too (the JSON results keep it whole), so a report stays small. */
const MAX_CURL_CHARACTERS = 12000;

function cut(text: string, max = MAX_BODY_CHARACTERS): string {
  return text.length <= max ? text : `${text.slice(0, max)}\n… (${text.length - max} more characters)`;
}

function headerLines(headers: Record<string, string>): string {
  return Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}`)
    .join('\n');
}

function requestText(example: CaseExample): string {
  const body = example.requestBody === undefined ? '' : `\n\n${cut(JSON.stringify(example.requestBody, null, 2))}`;
  return `${example.method} ${example.url}\n${headerLines(example.requestHeaders)}${body}`;
}

/** A complete JSON body reads better indented; anything else is shown as it came. */
function readableBody(excerpt: string, truncated: boolean): string {
  if (truncated) return excerpt;
  try {
    return JSON.stringify(JSON.parse(excerpt), null, 2);
  } catch {
    return excerpt;
  }
}

/** What the suite did not show of the body, and why. */
function bodyNotes(response: NonNullable<CaseExample['response']>): string {
  const notes: string[] = [];
  if (response.bodyCutAt !== undefined) notes.push(`the suite read only the first ${response.bodyCutAt} bytes of a longer body`);
  else if (response.bodyTruncated) notes.push('the excerpt is cut');
  if (response.bodyInvalidUtf8) notes.push('the body is not valid UTF-8 (shown with U+FFFD)');
  return notes.map((note) => `\n… (${note})`).join('');
}

function responseText(example: CaseExample): string {
  if (!example.response) return `no answer: ${example.error ?? 'unknown transport failure'}`;
  const { status, headers, bodyExcerpt, bodyTruncated } = example.response;
  const body = bodyExcerpt ? `\n\n${cut(readableBody(bodyExcerpt, bodyTruncated))}` : '';
  return `HTTP ${status}\n${headerLines(headers)}${body}${bodyNotes(example.response)}`;
}

export function outcomeLine(example: CaseExample): string {
  const got = example.response ? `got ${example.response.status}` : `no answer (${example.error ?? 'transport failure'})`;
  return `expected ${example.expectedStatuses.join(' or ')}, ${got}`;
}

/** Which case it is and what it changed: `case ID (negative): /body/x = 6, against 5`. */
export function caseTitle(example: CaseExample): Html {
  return html`case <code>${example.caseId}</code> (${example.polarity}): ${example.description}`;
}

/** The whole case: request, response, failed checks and the curl command that reproduces it. */
export function caseExampleDetails(example: CaseExample): Html {
  const checks = example.failedChecks.map((check) => html`<li><code>${check.check}</code> (<code>${check.requirementId}</code>): ${check.message}</li>`);
  return html`<div class="two-col"><div><h4>Request</h4><pre class="request">${requestText(example)}</pre></div>
<div><h4>Response</h4><pre class="response">${responseText(example)}</pre></div></div>
${checks.length ? html`<h4>Failed checks</h4><ul class="checks">${checks}</ul>` : ''}
<h4>Reproduce</h4><pre class="curl">${cut(example.curl, MAX_CURL_CHARACTERS)}</pre>`;
}

/** One line per case: for the other failing cases of a requirement and the sample of passes. */
export function caseExampleLine(example: CaseExample): Html {
  return html`<li><code>${example.caseId}</code>: ${example.description} — ${example.method} ${example.url}: ${outcomeLine(example)}</li>`;
}
