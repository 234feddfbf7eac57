import { readFileSync } from 'node:fs';
import { readSourceJson } from '../engine/project-files.ts';
import { API_NAMES, apiFile } from './catalogue.ts';

type FixturesSchema = { required?: string[]; [keyword: string]: unknown };

/** The parts of config.schema.json filled in from the registry. */
interface BaseConfigSchema {
  properties: { apis: { propertyNames: object }; fixtures: { properties: Record<string, FixturesSchema> } };
}

/** The API folder's fixtures.schema.json, as a subschema (without its own `$schema`). */
function fixturesSchemaOf(api: string): FixturesSchema {
  const { $schema: _dialect, ...schema } = JSON.parse(readFileSync(apiFile(api, 'fixtures.schema.json'), 'utf8')) as FixturesSchema;
  return schema;
}

let fixtureSchemas_: ReadonlyMap<string, FixturesSchema> | undefined;

/** Each registered API's fixtures.schema.json, read once, on first use. */
export function fixtureSchemas(): ReadonlyMap<string, FixturesSchema> {
  fixtureSchemas_ ??= new Map(API_NAMES.map((api) => [api, fixturesSchemaOf(api)]));
  return fixtureSchemas_;
}

/** The config file's schema: config.schema.json with the registered APIs' names and fixtures schemas filled in. */
export function configSchema(): object {
  const schema = readSourceJson(new URL('./config.schema.json', import.meta.url)) as BaseConfigSchema;
  Object.assign(schema.properties.apis.propertyNames, { enum: [...API_NAMES] });
  schema.properties.fixtures.properties = Object.fromEntries(fixtureSchemas());
  return schema;
}
