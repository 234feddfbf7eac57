import type fc from 'fast-check';
import type { JsonSchema } from '../../engine/schema/json-schema-node.ts';

export interface ValueOptions {
  /** Arrays get at most this many items unless `minItems` asks for more (default 3). */
  maxArrayItems?: number;
  /**
   * Strings get at most this many code points unless `minLength` asks for more (default 255):
   * a declared `maxLength` up to it is reached as a boundary, a larger one is capped.
   */
  maxStringLength?: number;
}

/** What every per-type builder gets: the limits, and the way back to the dispatcher for subschemas. */
export interface GenerationContext {
  maxArrayItems: number;
  maxStringLength: number;
  /** Values valid against a subschema, or undefined when no value can be. */
  valuesOf(schema: JsonSchema): fc.Arbitrary<unknown> | undefined;
}

export const DEFAULT_MAX_ARRAY_ITEMS = 3;
export const DEFAULT_MAX_STRING_LENGTH = 255;
