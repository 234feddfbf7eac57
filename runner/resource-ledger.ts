import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import type { ApiName } from '../engine/api-name.ts';
import { LedgerError } from '../engine/errors.ts';

/** A resource the run created on the target, with where to see and delete it. */
export interface CreatedResource {
  api: ApiName;
  caseId: string;
  id: string;
  showUrl?: string;
  deleteUrl?: string;
  /** Why the suite cannot delete it (an API without a delete operation). */
  noDelete?: string;
}

export type LedgerEvent =
  | ({ event: 'created'; at: string } & CreatedResource)
  | { event: 'deleted'; at: string; api: ApiName; id: string }
  | { event: 'left'; at: string; api: ApiName; id: string; reason: string };

/**
 * The ledger of what a run created, one JSON line per event, written as the run goes (each line
 * appended at once), so that a killed run can still be cleaned: `conformance cleanup LEDGER`.
 * It holds URLs and ids, never a credential.
 */
export class ResourceLedger {
  /** A new ledger, or (`append`) one a stopped run wrote, that its cleanup goes on writing. */
  constructor(
    readonly file: string,
    append = false,
  ) {
    if (!append) writeFileSync(file, '');
  }

  private write(event: LedgerEvent): void {
    appendFileSync(this.file, `${JSON.stringify(event)}\n`);
  }

  created(resource: CreatedResource): void {
    this.write({ event: 'created', at: new Date().toISOString(), ...resource });
  }

  deleted(resource: CreatedResource): void {
    this.write({ event: 'deleted', at: new Date().toISOString(), api: resource.api, id: resource.id });
  }

  left(resource: CreatedResource, reason: string): void {
    this.write({ event: 'left', at: new Date().toISOString(), api: resource.api, id: resource.id, reason });
  }
}

/** The resources a ledger says were created and not deleted, in creation order. */
export function outstandingResources(file: string): CreatedResource[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new LedgerError(`cannot read the ledger ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const outstanding = new Map<string, CreatedResource>();
  text.split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    let event: LedgerEvent;
    try {
      event = JSON.parse(line) as LedgerEvent;
    } catch {
      // A run killed mid-write leaves at most its last line cut short.
      if (index === text.split('\n').length - 1 || !text.endsWith('\n')) return;
      throw new LedgerError(`${file} line ${index + 1} is not JSON`);
    }
    const key = `${event.api} ${event.id}`;
    if (event.event === 'created') {
      const { event: _event, at: _at, ...resource } = event;
      outstanding.set(key, resource);
    } else if (event.event === 'deleted') outstanding.delete(key);
  });
  return [...outstanding.values()];
}
