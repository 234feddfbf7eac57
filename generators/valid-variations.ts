import fc from 'fast-check';
import type { LoadedSpec } from '../engine/spec/spec-loader.ts';
import type { RequestDocument } from '../engine/request/request-document.ts';
import type { WorldData } from '../engine/world/world-from-data.ts';
import { requestBodySchema } from '../engine/schema/schema-locations.ts';
import { formatPointer } from '../engine/request/json-pointer.ts';
import { withEdits, type RequestEdits } from '../engine/request/request-edits.ts';
import { valueFor } from './schema-arbitrary.ts';
import { withoutNullMembers } from '../engine/rules/reasonable-readings.ts';
import { repairedToValid } from './valid-repair.ts';
import { editsNotReadBy, repairIndependentRules } from './repair-independent-rules.ts';
import type { DeterministicSampler } from './deterministic-sampler.ts';
import type { Oracle } from './case-oracle.ts';
import { resourceObject } from './resource-object.ts';
import { schemaMapKeyword, stringListKeyword, type JsonSchemaNode } from '../engine/schema/json-schema-node.ts';

const KEEP = Symbol('keep');
const DROP = Symbol('drop');

/** Per field: keep the base value, drop it (when optional), or a fresh valid value from its schema. */
function editsArbitrary(schema: JsonSchemaNode, pointer: string[]): fc.Arbitrary<RequestEdits> {
  const required = stringListKeyword(schema, 'required');
  // Each field's pointer is the same in every draw: formatted once, not once per field per draw.
  const fields = new Map(Object.keys(schemaMapKeyword(schema, 'properties')).map((name) => [name, formatPointer([...pointer, name])]));
  const choices = Object.fromEntries(
    Object.entries(schemaMapKeyword(schema, 'properties')).map(([name, property]) => {
      const options: fc.Arbitrary<unknown>[] = [fc.constant(KEEP), valueFor(property, { maxArrayItems: 2 })];
      if (!required.includes(name)) options.push(fc.constant(DROP));
      return [name, fc.oneof(...options)];
    }),
  );
  return fc.record(choices).map((picked) => {
    const edits: Required<RequestEdits> = { set: {}, unset: [] };
    for (const [name, choice] of Object.entries(picked)) {
      const field = fields.get(name) ?? formatPointer([...pointer, name]);
      if (choice === DROP) edits.unset.push(field);
      else if (choice !== KEEP) edits.set[field] = choice;
    }
    return edits;
  });
}

/** A server may read null as "not given" or refuse it: a valid case never sends one. */
function withoutNulls(request: RequestDocument): RequestDocument {
  return { ...request, body: withoutNullMembers(request.body) };
}

/**
 * Up to `count` valid requests that vary the base field by field: every one validates against
 * the schema and keeps every rule in the target's world (the oracle says so), or it is not used.
 */
export function* validVariations(
  spec: LoadedSpec,
  base: RequestDocument,
  world: WorldData,
  oracle: Oracle,
  sampler: DeterministicSampler,
  count: number,
): Generator<RequestDocument> {
  const schema = requestBodySchema(spec);
  if (!schema || count <= 0) return;
  const { pointer, schema: fields } = resourceObject(schema);
  let yielded = 0;
  // Lazily, drawn a chunk at a time: the caller may record what each accepted request creates
  // before the next is judged, and a run of any size holds one chunk of edits, not all of them.
  const attempts = count * 6;
  const independent = repairIndependentRules(spec.requirements);
  for (const drawn of sampler.stream(editsArbitrary(fields, pointer), `variations ${spec.api}`, attempts)) {
    let edits = drawn;
    let unrepaired = withoutNulls(withEdits(base, edits));
    // Broken where no repair writes: broken once repaired too. The edits those rules read go back to
    // the base's values (a fresh tenant id breaks "own unless admin" whatever else is drawn), the
    // draw's other edits are kept; still broken, it is neither repaired nor judged whole.
    const flawing = oracle.rulesFlawing(unrepaired, independent);
    if (flawing.length) {
      edits = editsNotReadBy(edits, flawing);
      unrepaired = withoutNulls(withEdits(base, edits));
      if (oracle.flawedByRuleOf(unrepaired, independent)) continue;
    }
    const request = repairedToValid(spec.requirements, unrepaired, world);
    if (!oracle.knownValid(request)) continue;
    yield request;
    yielded += 1;
    if (yielded === count) return;
  }
}
