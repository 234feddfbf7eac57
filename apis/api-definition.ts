import type { RequestDocument } from '../engine/request/request-document.ts';
import type { WorldData, WorldItem } from '../engine/world/world-from-data.ts';
import type { ApiResponses } from './support/api-responses.ts';

/** What a config's `fixtures.<api>` holds once checked against the API's fixtures.schema.json. */
export type FixtureSet = Readonly<Record<string, unknown>>;

/** What a successful create changes on the target: items it adds (a stack), and items it puts in another state (a port now in use). */
export interface CreationEffects {
  adds: { collection: string; item: WorldItem }[];
  changes: { collection: string; key: unknown[]; field: string; value: unknown }[];
}

/**
 * One API, as its folder `apis/<name>/` gives it (docs/adding-an-api.md). The data files beside
 * the definition are found by name: spec.yaml, lifecycle.yaml, fixtures.schema.json, faults.yaml
 * and rule-cases.yaml. `F` is the shape of the API's fixtures (what exists on the target).
 */
export interface ApiDefinition<F extends object> {
  /** The name used by the CLI (`--api`), the config, the report and the tests; the folder's name. */
  name: string;
  /** The folder holding the definition (`new URL('.', import.meta.url)`); its data files are read there in the source tree, also when it runs from dist/. */
  folder: URL;
  /** The source document's file name in the seeds folder (../shared/seeds). */
  sourceDocument: string;
  /** The service type in a Keystone catalog, for OpenStack-style APIs. */
  keystoneServiceType?: string;
  /** The embedded mock's fixtures: what `run` uses when the config gives none. Not secrets. */
  defaultFixtures: F;
  /** Fixture keys whose values are secrets (kept out of every output). */
  secretFixtures?: readonly (keyof F & string)[];
  /** What exists on the target, from the fixtures: the collections the spec's stateful rules name, quotas, the caller. */
  world(fixtures: F): WorldData;
  /** The optional fixture that makes each part of the world known (a collection, `caller`, `<collection>.<field>`). */
  decidingFixtures?: Readonly<Record<string, keyof F & string>>;
  /** A valid request from the fixtures: the request every case starts from (credentials are applied when sent). */
  baseRequest(fixtures: F): Omit<RequestDocument, 'method' | 'header'>;
  /** What a successful create changes on the target, where later requests see it (absent: nothing). */
  creationEffects?(request: RequestDocument): CreationEffects;
  /** The embedded mock's documented success and error answers. */
  responses: ApiResponses;
}

/** A definition with its fixtures' type erased, as the registry holds it: the config's schema has checked the fixtures' shape. */
export interface RegisteredApi {
  name: string;
  folder: URL;
  sourceDocument: string;
  keystoneServiceType?: string;
  defaultFixtures: FixtureSet;
  secretFixtures: readonly string[];
  world(fixtures: FixtureSet): WorldData;
  decidingFixtures: Readonly<Record<string, string>>;
  baseRequest(fixtures: FixtureSet): Omit<RequestDocument, 'method' | 'header'>;
  creationEffects?(request: RequestDocument): CreationEffects;
  responses: ApiResponses;
}

/** The one place a definition's fixture type is erased: each API folder's definition.ts exports `defineApi({...})`. */
export function defineApi<F extends object>(definition: ApiDefinition<F>): RegisteredApi {
  const fixtures = (set: FixtureSet) => set as unknown as F;
  return {
    ...definition,
    defaultFixtures: definition.defaultFixtures as unknown as FixtureSet,
    secretFixtures: definition.secretFixtures ?? [],
    decidingFixtures: definition.decidingFixtures ?? {},
    world: (set) => definition.world(fixtures(set)),
    baseRequest: (set) => definition.baseRequest(fixtures(set)),
  };
}
