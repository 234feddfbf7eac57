import { numberKeyword, stringKeyword, type JsonSchemaNode } from '../../engine/schema/json-schema-node.ts';

/** The inclusive integer range a node allows, and the bounds it declares (the boundaries). */
export interface IntegerBounds {
  min: number;
  max: number;
  declared: number[];
}

const INT32_MIN = -0x80000000;
const INT32_MAX = 0x7fffffff;

function declaredLowerInteger(node: JsonSchemaNode): number | undefined {
  const inclusive = numberKeyword(node, 'minimum');
  const exclusive = numberKeyword(node, 'exclusiveMinimum');
  const candidates = [inclusive === undefined ? undefined : Math.ceil(inclusive), exclusive === undefined ? undefined : Math.floor(exclusive) + 1];
  const defined = candidates.filter((value): value is number => value !== undefined);
  return defined.length ? Math.max(...defined) : undefined;
}

function declaredUpperInteger(node: JsonSchemaNode): number | undefined {
  const inclusive = numberKeyword(node, 'maximum');
  const exclusive = numberKeyword(node, 'exclusiveMaximum');
  const candidates = [inclusive === undefined ? undefined : Math.floor(inclusive), exclusive === undefined ? undefined : Math.ceil(exclusive) - 1];
  const defined = candidates.filter((value): value is number => value !== undefined);
  return defined.length ? Math.min(...defined) : undefined;
}

/** Integer bounds; an undeclared side spans 2^31 from the other side (32 bits when neither is declared). */
export function integerBounds(node: JsonSchemaNode): IntegerBounds {
  const lower = declaredLowerInteger(node);
  const upper = declaredUpperInteger(node);
  let min = lower ?? (upper !== undefined && upper < INT32_MIN ? upper - INT32_MAX : INT32_MIN);
  let max = upper ?? (lower !== undefined && lower > INT32_MAX ? lower + INT32_MAX : INT32_MAX);
  if (stringKeyword(node, 'format') === 'int32') {
    min = Math.max(min, INT32_MIN);
    max = Math.min(max, INT32_MAX);
  }
  min = Math.max(min, Number.MIN_SAFE_INTEGER);
  max = Math.min(max, Number.MAX_SAFE_INTEGER);
  return { min, max, declared: [lower, upper].filter((value): value is number => value !== undefined) };
}

/** The tighter of an inclusive and an exclusive bound on one side. */
function tighter(
  inclusive: number | undefined,
  exclusive: number | undefined,
  pick: (a: number, b: number) => boolean,
): { bound: number; excluded: boolean } | undefined {
  if (exclusive !== undefined && (inclusive === undefined || pick(exclusive, inclusive) || exclusive === inclusive))
    return { bound: exclusive, excluded: true };
  return inclusive === undefined ? undefined : { bound: inclusive, excluded: false };
}

export interface NumberBounds {
  min: number;
  max: number;
  minExcluded: boolean;
  maxExcluded: boolean;
  /** Declared inclusive bounds: values a number may take exactly. */
  declared: number[];
}

export function numberBounds(node: JsonSchemaNode): NumberBounds {
  const lower = tighter(numberKeyword(node, 'minimum'), numberKeyword(node, 'exclusiveMinimum'), (a, b) => a > b);
  const upper = tighter(numberKeyword(node, 'maximum'), numberKeyword(node, 'exclusiveMaximum'), (a, b) => a < b);
  const declared = [lower, upper].filter((side) => side !== undefined && !side.excluded).map((side) => side?.bound ?? 0);
  return {
    min: lower?.bound ?? -Number.MAX_VALUE,
    max: upper?.bound ?? Number.MAX_VALUE,
    minExcluded: lower?.excluded ?? false,
    maxExcluded: upper?.excluded ?? false,
    declared,
  };
}

/** Whether a value is a multiple as ajv judges `multipleOf` (the quotient is an integer). */
export function isMultipleOf(value: number, step: number): boolean {
  return Number.isInteger(value / step);
}
