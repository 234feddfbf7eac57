import { defineApi } from '../api-definition.ts';
import { baseRequestOf } from './base-request.ts';
import { DEFAULT_FIXTURES } from './fixtures.ts';
import { responses } from './responses.ts';
import { worldOf } from './world.ts';

export const definition = defineApi({
  name: 'cloudbasic-cluster',
  folder: new URL('.', import.meta.url),
  sourceDocument: 'cloudbasic-create-cluster.txt',
  defaultFixtures: DEFAULT_FIXTURES,
  secretFixtures: ['privateKey'],
  world: worldOf,
  baseRequest: baseRequestOf,
  responses,
});
