import type { CaseResult } from '../engine/run/run-model.ts';

/**
 * Watches the answers of a run for results that mean less than they seem: a target that
 * answered 401/403 to everything (the credentials, not the API, were tested), or a
 * --negative-only run whose refusals a server that refuses everything would pass as well.
 */
export class AnswerWatch {
  private answered = 0;
  private unauthorized = 0;
  private accepted = 0;

  note(result: CaseResult): void {
    const status = result.response?.status;
    if (status === undefined) return;
    this.answered += 1;
    if (status === 401 || status === 403) this.unauthorized += 1;
    if (status >= 200 && status < 300) this.accepted += 1;
  }

  warnings(negativeOnly: boolean): string[] {
    const found: string[] = [];
    if (this.answered > 0 && this.unauthorized === this.answered) {
      found.push(
        `every one of the ${this.answered} answers was 401 or 403: the credentials were tested, not the API. Check auth.token (CONFORMANCE_AUTH_TOKEN) or auth.sigv4.`,
      );
    }
    if (negativeOnly && this.answered > 0) {
      found.push(
        `--negative-only sent only requests a conforming target refuses (${this.accepted} accepted): nothing shows the target accepts a valid request, and a server refusing everything passes such a run.`,
      );
    }
    return found;
  }
}
