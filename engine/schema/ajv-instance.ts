import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import ipaddr from 'ipaddr.js';

// ajv-formats is CommonJS with a default export; under NodeNext it arrives wrapped.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/** `cidr`: an IPv4 (four-part decimal) or IPv6 CIDR; host bits may be set, as in the documents' examples. */
export function isCidr(value: string): boolean {
  return ipaddr.IPv4.isValidCIDRFourPartDecimal(value) || ipaddr.IPv6.isValidCIDR(value);
}

/**
 * One Ajv for OpenAPI 3.1 schemas (JSON Schema 2020-12): every error reported (so each broken
 * requirement is named), ajv-formats plus the suite's `cidr`, OpenAPI annotation keywords allowed.
 * It compiles schemas without checking them against the meta-schema (compiling that took ~100 ms
 * of every start): every schema it compiles is the project's own, and the tests check each one
 * (`checkSchemas`, suites/schema-validity.test.ts).
 */
export function createAjv({ checkSchemas = false }: { checkSchemas?: boolean } = {}): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: false,
    validateFormats: true,
    addUsedSchema: false,
    validateSchema: checkSchemas,
  });
  addFormats(ajv);
  ajv.addFormat('cidr', { type: 'string', validate: isCidr });
  for (const keyword of ['example', 'discriminator', 'xml', 'externalDocs']) {
    if (!ajv.getKeyword(keyword)) ajv.addKeyword({ keyword });
  }
  return ajv;
}

let specSchemas: Ajv2020 | undefined;

/**
 * The one Ajv that compiles the specs' schemas (their request and response schemas, the
 * tolerated readings, the generators' schema nodes), once per process. The specs' schemas carry
 * no `$id`, which an instance would keep; the project's own schema files get an Ajv each (createAjv).
 */
export function specSchemaAjv(): Ajv2020 {
  specSchemas ??= createAjv();
  return specSchemas;
}
