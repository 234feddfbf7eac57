import { defineApi } from '../api-definition.ts';
import { baseRequestOf } from './base-request.ts';
import { creationEffectsOf } from './creation-effects.ts';
import { DEFAULT_FIXTURES } from './fixtures.ts';
import { responses } from './responses.ts';
import { DECIDING_FIXTURES, worldOf } from './world.ts';

export const definition = defineApi({
  name: 'compute-servers',
  folder: new URL('.', import.meta.url),
  sourceDocument: 'compute-create-server.txt',
  keystoneServiceType: 'compute',
  defaultFixtures: DEFAULT_FIXTURES,
  world: worldOf,
  decidingFixtures: DECIDING_FIXTURES,
  baseRequest: baseRequestOf,
  creationEffects: creationEffectsOf,
  responses,
});
