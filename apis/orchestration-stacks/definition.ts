import { defineApi } from '../api-definition.ts';
import { baseRequestOf } from './base-request.ts';
import { creationEffectsOf } from './creation-effects.ts';
import { DEFAULT_FIXTURES } from './fixtures.ts';
import { responses } from './responses.ts';
import { worldOf } from './world.ts';

export const definition = defineApi({
  name: 'orchestration-stacks',
  folder: new URL('.', import.meta.url),
  sourceDocument: 'orchestration-create-stack.rst',
  keystoneServiceType: 'orchestration',
  defaultFixtures: DEFAULT_FIXTURES,
  world: worldOf,
  baseRequest: baseRequestOf,
  creationEffects: creationEffectsOf,
  responses,
});
