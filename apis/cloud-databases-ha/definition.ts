import { defineApi } from '../api-definition.ts';
import { baseRequestOf } from './base-request.ts';
import { DEFAULT_FIXTURES } from './fixtures.ts';
import { responses } from './responses.ts';
import { worldOf } from './world.ts';

export const definition = defineApi({
  name: 'cloud-databases-ha',
  folder: new URL('.', import.meta.url),
  sourceDocument: 'cloud-databases-create-ha.rst',
  keystoneServiceType: 'database',
  defaultFixtures: DEFAULT_FIXTURES,
  world: worldOf,
  baseRequest: baseRequestOf,
  responses,
});
