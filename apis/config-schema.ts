import { readFileSync } from 'node:fs';
import baseSchema from './config.schema.json' with { type: 'json' };
import { API_NAMES, apiFile } from './catalogue.ts';

type FixturesSchema = { required?: string[]; [keyword: string]: unknown };

/** The API folder's fixtures.schema.json, as a subschema (without its own `$schema`). */
function fixturesSchemaOf(api: string): FixturesSchema {
  const { $schema: _dialect, ...schema } = JSON.parse(readFileSync(apiFile(api, 'fixtures.schema.json'), 'utf8')) as FixturesSchema;
  return schema;
}

/** Each registered API's fixtures.schema.json, read once. */
export const FIXTURE_SCHEMAS: ReadonlyMap<string, FixturesSchema> = new Map(
  API_NAMES.map((api) => [api, fixturesSchemaOf(api)]),
);

/** The config file's schema: config.schema.json with the registered APIs' names and fixtures schemas filled in. */
export function configSchema(): object {
  const schema = structuredClone(baseSchema);
  Object.assign(schema.properties.apis.propertyNames, { enum: [...API_NAMES] });
  schema.properties.fixtures.properties = Object.fromEntries(FIXTURE_SCHEMAS) as typeof schema.properties.fixtures.properties;
  return schema;
}
