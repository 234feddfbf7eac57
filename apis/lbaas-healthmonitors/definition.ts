import { defineApi } from '../api-definition.ts';
import { baseRequestOf } from './base-request.ts';
import { DEFAULT_FIXTURES } from './fixtures.ts';
import { responses } from './responses.ts';
import { worldOf } from './world.ts';

export const definition = defineApi({
  name: 'lbaas-healthmonitors',
  folder: new URL('.', import.meta.url),
  sourceDocument: 'lbaas-v2-create-healthmonitor.rst',
  keystoneServiceType: 'load-balancer',
  defaultFixtures: DEFAULT_FIXTURES,
  world: worldOf,
  decidingFixtures: { caller: 'callerIsAdmin' },
  baseRequest: baseRequestOf,
  responses,
});
