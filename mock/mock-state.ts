import type { ApiName } from '../engine/api-name.ts';
import type { RequestDocument } from '../engine/request/request-document.ts';
import { worldFromData, type WorldData } from '../engine/world/world-from-data.ts';
import type { World } from '../engine/world/world.ts';
import { applyCreationEffects } from '../apis/creation-effects.ts';

/** What the mock remembers of a creation beyond its effects on the world: its id (a long run holds no request bodies). */
export interface CreatedResource {
  id: string;
}

/** One API's state on the mock: what exists (fixtures plus creations) and what was created. */
export class ApiState {
  readonly api: ApiName;
  readonly created: CreatedResource[] = [];
  private readonly initial: WorldData;
  private data: WorldData;
  private errors = 0;
  world: World;

  constructor(api: ApiName, initial: WorldData) {
    this.api = api;
    this.initial = structuredClone(initial);
    this.data = structuredClone(initial);
    this.world = worldFromData(this.data, () => undefined);
  }

  recordCreation(id: string, request: RequestDocument): number {
    this.created.push({ id });
    applyCreationEffects(this.api, this.data, request);
    return this.created.length;
  }

  nextErrorSequence(): number {
    this.errors += 1;
    return this.errors;
  }

  /** Back to the fixtures: nothing created. */
  reset(): void {
    this.created.length = 0;
    this.errors = 0;
    this.data = structuredClone(this.initial);
    this.world = worldFromData(this.data, () => undefined);
  }
}
