import type { ApiName } from '../engine/api-name.ts';
import type { RequestDocument } from '../engine/request/request-document.ts';
import { worldFromData, type WorldData } from '../engine/world/world-from-data.ts';
import type { World } from '../engine/world/world.ts';
import { applyCreationEffects } from '../apis/creation-effects.ts';

/**
 * One API's state on the mock: what exists (fixtures plus creations) and how many were created.
 * A creation is remembered by its effects on the world alone (what a later request may collide
 * with), not by its id or body: a million-case run holds no list of them.
 */
export class ApiState {
  readonly api: ApiName;
  private creations = 0;
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

  /** Records a creation's effects; its sequence number (1, 2, …) is what the answer may carry. */
  recordCreation(request: RequestDocument): number {
    this.creations += 1;
    applyCreationEffects(this.api, this.data, request);
    return this.creations;
  }

  get createdCount(): number {
    return this.creations;
  }

  nextErrorSequence(): number {
    this.errors += 1;
    return this.errors;
  }

  /** Back to the fixtures: nothing created. */
  reset(): void {
    this.creations = 0;
    this.errors = 0;
    this.data = structuredClone(this.initial);
    this.world = worldFromData(this.data, () => undefined);
  }
}
