import type { ApiName } from '../engine/api-name.ts';
import type { ConformanceConfig } from '../engine/config/config-model.ts';
import type { LoadedSpec } from '../engine/spec/spec-loader.ts';
import type { RequestDocument } from '../engine/request/request-document.ts';
import type { Level, Requirement } from '../engine/spec/requirement-model.ts';
import { isolated } from './isolation-repair.ts';
import { alternateBases, type AlternateBase } from './alternate-bases.ts';
import { NOT_SEPARABLE, NO_STATED_OUTCOME, UNBREAKABLE } from './one-way-reasons.ts';
import type { WorldData } from '../engine/world/world-from-data.ts';
import { documentExamples } from './document-examples.ts';
import { expectedStatuses, isResponseRequirement } from '../engine/spec/requirement-model.ts';
import { worldFromFixtures } from '../apis/fixture-worlds.ts';
import { ConfigError } from '../engine/errors.ts';
import { documentedSuccess } from '../engine/spec/documented-success.ts';
import { usesSigV4 } from '../engine/spec/security-schemes.ts';
import { formatPointer } from '../engine/request/json-pointer.ts';
import { absoluteTokens, valueAt } from '../engine/rules/rule-paths.ts';
import { withEdits } from '../engine/request/request-edits.ts';
import type { PlannedCase } from '../engine/run/run-model.ts';
import { baseRequest } from '../apis/base-requests.ts';
import { createJudge, createOracle, isCredentialRequirement, type Judge, type Oracle } from './case-oracle.ts';
import type { RequestJudgement } from '../engine/rules/reasonable-readings.ts';
import { requirementById } from '../engine/spec/spec-loader.ts';
import { DeterministicSampler } from './deterministic-sampler.ts';
import { schemaCandidates, type Candidate, type MutationContext } from './schema-mutations.ts';
import { ruleCandidates } from './rule-mutations.ts';
import { validVariations } from './valid-variations.ts';
import { claimCreatedKeys } from './planned-creations.ts';
import { exercisedRequirements } from './exercised-requirements.ts';
import { changesState } from '../apis/creation-effects.ts';
import { fixturesGiving } from './missing-fixtures.ts';
import { requestPointerOf } from './schema-instance-paths.ts';
import { parseClaim } from '../engine/schema/schema-claims.ts';

export interface PlanOptions {
  seed: number;
  /** Random valid requests per API, after the boundary cases. */
  runs: number;
  /** A tag of this run, added to unique names (a stack name) so two runs with the same seed against one target do not collide; the seed fixes every other byte. */
  runId?: string;
  /** Where an API's boundary plan is kept between runs (generators/plan-cache.ts): read instead of planned when there. */
  boundaryStore?: BoundaryStore;
}

/**
 * An API's boundary cases and what planning them left behind (the unique names they claimed in
 * the world, the case counters): enough to go on with the random cases as if just planned.
 */
export interface BoundaryPlan {
  cases: PlannedCase[];
  notRunnable: ApiPlan['notRunnable'];
  discarded: ApiPlan['discarded'];
  world: WorldData;
  counters: [string, number][];
  made: number;
}

export interface BoundaryStore {
  read(): BoundaryPlan | undefined;
  write(plan: BoundaryPlan): void;
}

/** Everything the run will send for one API, and what it could not make (never silently). */
export interface ApiPlan {
  api: ApiName;
  cases: PlannedCase[];
  /** Requirements no case tests, with why (untestable, response-side, fixture missing…). */
  notRunnable: { requirementId: string; reason: string }[];
  /** Generated candidates that did not break exactly their requirement, or broke it only by a value the documents tolerate (they would prove nothing). */
  discarded: {
    requirementId: string;
    description: string;
    failures: string[];
    why?: string;
    /** Constraints of unstated refusal it breaks too. */ unstated?: string[];
  }[];
}

function successRequirement(spec: LoadedSpec): { id: string; status: number; level: Level } {
  const success = documentedSuccess(spec);
  if (!success) throw new ConfigError(`${spec.api}: the spec has no responseStatus rule`);
  return { id: success.requirementId, status: success.status, level: requirementById(spec, success.requirementId)?.level ?? 'explicit' };
}

/**
 * A value with the per-case suffix put before its trailing punctuation: `conformance_stack_c7`,
 * but `edge-` → `edge_c7-` and `near!` → `near_c7!`, so a value at a pattern's edge, or missing
 * it by its last character, reaches the target as planned.
 */
function withSuffix(value: string, suffix: string): string {
  const [, core = value, tail = ''] = /^(.*?)([^\p{L}\p{N}]*)$/su.exec(value) ?? [];
  return `${core}_${suffix}${tail}`;
}

/** Where a suffix can go in a unique name: before its trailing punctuation, at its very end, or (for a name at its longest) in place of its last characters but one, keeping its length. */
function suffixPlacements(value: string, suffix: string): string[] {
  const tail = `_${suffix}`;
  const keepingLength = value.length > tail.length + 1 ? `${value.slice(0, value.length - tail.length - 1)}${tail}${value.slice(-1)}` : undefined;
  return [withSuffix(value, suffix), `${value}${tail}`, ...(keepingLength ? [keepingLength] : [])];
}

/**
 * Body keys of uniqueWithin rules get a per-case suffix, so each creation is new (a stack name
 * per tenant). The suffix must not change what the case is: a name of exactly the longest
 * length, or one ending in "-", stays so, and a negative keeps its breach. When no placement
 * keeps the judgement, the name is left as planned.
 */
function freshened(
  { spec, judge, oracle }: Pick<PlanState, 'spec' | 'judge' | 'oracle'>,
  request: RequestDocument,
  suffix: string,
  knownValid = false,
): RequestDocument {
  const keys = spec.requirements.flatMap(({ rule }) => (rule?.kind === 'uniqueWithin' ? rule.key.filter((key) => key.startsWith('/body/')) : []));
  const strings = keys
    .map((path) => [formatPointer(absoluteTokens(path, [])), valueAt(request, path)] as const)
    .filter((entry): entry is readonly [string, string] => typeof entry[1] === 'string');
  if (strings.length === 0) return request;
  // A request the oracle knows valid breaks nothing; so does a suffixed one it knows valid, found without judging it whole.
  const before = knownValid ? '' : judge(request).broken.join();
  const keepsBreaches = (candidate: RequestDocument): boolean => (before === '' && oracle.knownValid(candidate)) || judge(candidate).broken.join() === before;
  for (const placement of [0, 1, 2]) {
    const set = Object.fromEntries(strings.map(([pointer, value]) => [pointer, suffixPlacements(value, suffix)[placement] ?? withSuffix(value, suffix)]));
    const candidate = withEdits(request, { set });
    if (keepsBreaches(candidate)) return candidate;
  }
  return request;
}

function credentialCases(spec: LoadedSpec, requirement: Requirement, base: RequestDocument): Omit<PlannedCase, 'id' | 'api'>[] {
  const variants: [NonNullable<PlannedCase['credentials']>, string][] = usesSigV4(spec)
    ? [
        ['none', 'unsigned: no Authorization header'],
        ['wrong-signature', 'signed with the wrong secret key'],
        ['expired-signature', 'signed 20 minutes ago'],
      ]
    : [
        ['none', 'no X-Auth-Token'],
        ['wrong-token', 'a wrong X-Auth-Token'],
      ];
  return variants.map(([credentials, description]) => ({
    requirementId: requirement.id,
    polarity: 'negative',
    origin: 'check',
    level: requirement.level,
    description,
    request: base,
    expectedStatuses: expectedStatuses(requirement),
    credentials,
  }));
}

/** Why a credential header's requirement has no negative of its own: every valid case sends the header, computed at send time. */
function credentialHeaderReason(requirement: Requirement): string {
  const typeOnly = (requirement.schema ?? []).every((claim) => claim.keywords?.every((keyword) => keyword === 'type') ?? false);
  if (typeOnly) return `${UNBREAKABLE}: a header value is always text on the wire; every valid case sends this credential header, computed`;
  return `${NOT_SEPARABLE}: the suite computes this credential header for every request, and every valid case sends it; a request that breaks it is not authenticated either, which the authentication checks send`;
}

type Keep =
  { ok: true; request: RequestDocument; mayAlsoBreak: string[]; jointWith?: string[] } | { ok: false; failures: string[]; why?: string; unstated?: string[] };

function describeFlaws(judged: RequestJudgement, except: string): string | undefined {
  const ambiguous = judged.ambiguous.filter((item) => item.requirementId !== except);
  if (ambiguous.length) return ambiguous.map((item) => `${item.requirementId}: ${item.why}`).join('; ');
  const undecided = judged.undecided.filter((item) => item.requirementId !== except);
  if (undecided.length) return undecided.map((item) => `${item.requirementId} undecided: ${item.detail}`).join('; ');
  if (judged.nulls.length) return `null at ${judged.nulls.join(', ')}: a server may read null as "not given" or refuse it`;
  return undefined;
}

/** Other requirements a request breaks, under some reading, whose refusal the document leaves unstated. */
function unstatedBreaches(spec: LoadedSpec, judged: RequestJudgement, except: string): string[] {
  const ids = [...judged.broken, ...judged.ambiguous.map((item) => item.requirementId)];
  return [...new Set(ids)].filter((id) => id !== except && requirementById(spec, id)?.refusal === 'unstated');
}

/**
 * A positive case must be known valid: nothing broken under any reading, every rule decided,
 * no null. A negative one must break its requirement under every reading (an "explicit
 * negative" that some reasonable server accepts proves nothing), and nothing else: another rule
 * it breaks is repaired where that leaves the breach intact (max_count raised to min_count).
 * What cannot be repaired makes a joint negative (a non-UUID imageRef names no image either):
 * its acceptance breaks all it breaks, its refusal proves nothing about any one of them.
 */
function keep(spec: LoadedSpec, candidate: Candidate, judge: Judge, context: MutationContext): Keep {
  const judged = judge(candidate.request);
  // A case with setup breaks its rule only through the state the setup creates: alone it is valid.
  if (candidate.polarity === 'positive' || candidate.setup) {
    const why = describeFlaws(judged, candidate.setup ? candidate.requirementId : '');
    if (judged.broken.length || why) return { ok: false, failures: judged.broken, ...(why ? { why } : {}) };
    return { ok: true, request: candidate.request, mayAlsoBreak: [] };
  }
  if (!judged.broken.includes(candidate.requirementId)) {
    const own = judged.ambiguous.find((item) => item.requirementId === candidate.requirementId);
    return { ok: false, failures: judged.broken, ...(own ? { why: own.why } : {}) };
  }
  const { request, judged: final, inseparableFrom } = isolated(context, spec, candidate.requirementId, candidate.request, judged, judge);
  if (!final.broken.includes(candidate.requirementId)) return { ok: false, failures: final.broken };
  const ignorable = unstatedBreaches(spec, final, candidate.requirementId);
  if (ignorable.length)
    return {
      ok: false,
      failures: final.broken,
      unstated: ignorable,
      why: `it also breaks ${ignorable.join(', ')}, which the document does not say a server refuses: a server may ignore what it concerns (an item "not mapped") rather than refuse the request`,
    };
  if (inseparableFrom) {
    const others = final.broken.filter((id) => id !== candidate.requirementId);
    // Another schema requirement broken along means the value itself is off in two ways: no fair case of either.
    if (!others.every((id) => requirementById(spec, id)?.rule !== undefined)) return { ok: false, failures: final.broken };
    return { ok: true, request, mayAlsoBreak: mayAlsoBreakOf(final, candidate.requirementId), jointWith: others };
  }
  return { ok: true, request, mayAlsoBreak: mayAlsoBreakOf(final, candidate.requirementId) };
}

/** Other requirements only some reading breaks, or the world cannot decide: a refusal for them is no fault either. */
function mayAlsoBreakOf(judged: RequestJudgement, own: string): string[] {
  return [
    ...new Set([...judged.ambiguous.map((item) => item.requirementId), ...judged.undecided.map((item) => item.requirementId)].filter((id) => id !== own)),
  ];
}

/** The 4xx statuses the operation documents: what a requirement whose status is inferred may get. */
function documentedClientErrors(spec: LoadedSpec): number[] {
  return Object.keys(spec.operation.responses ?? {})
    .map(Number)
    .filter((status) => status >= 400 && status < 500);
}

/** What a conforming server may answer a request breaking these requirements: each one's status, and for an inferred one every client error the document lists. */
function statusesOf(spec: LoadedSpec, ids: string[]): number[] {
  const statuses = ids.flatMap((id) => {
    const requirement = requirementById(spec, id);
    if (!requirement) return [];
    return requirement.level === 'inferred' ? [...expectedStatuses(requirement), ...documentedClientErrors(spec)] : expectedStatuses(requirement);
  });
  return [...new Set(statuses)].sort((a, b) => a - b);
}

/**
 * The level of a case's verdict: the most explicit of the requirements it breaks, but inferred
 * when the breach rests only on state the suite's own earlier asynchronous create should have
 * made (a fixed IP "in use" because a server accepted with 202 was given it).
 */
function caseLevel(spec: LoadedSpec, ids: string[], setup: RequestDocument[] | undefined): Level {
  const levels = ids.map((id) => requirementById(spec, id)?.level);
  if (setup?.length && documentedSuccess(spec)?.status === 202) return 'inferred';
  return levels.includes('explicit') ? 'explicit' : 'inferred';
}

function whyNoCase(spec: LoadedSpec, requirement: Requirement, plan: ApiPlan): string {
  const discarded = plan.discarded.filter((item) => item.requirementId === requirement.id);
  if (discarded.length && discarded.every((item) => item.why)) {
    const whys = [...new Set(discarded.map((item) => item.why))].join('; ');
    // A breach dragging along a constraint of unstated refusal is no ambiguous value: say which it is.
    const dragging = discarded.filter((item) => item.unstated);
    if (dragging.length === 0) return `${NO_STATED_OUTCOME}: every request that breaks it does so only by a value the documents leave ambiguous: ${whys}`;
    if (dragging.length === discarded.length)
      return `${NOT_SEPARABLE}: every request that breaks it also breaks ${[...new Set(dragging.flatMap((item) => item.unstated ?? []))].join(', ')}, which the document does not say a server refuses: a server may ignore what it concerns rather than refuse the request`;
    return `every request that breaks it was left out: ${whys}`;
  }
  if (discarded.length) {
    const others = [...new Set(discarded.flatMap((item) => item.failures).filter((id) => id !== requirement.id))];
    return `every request the suite could make breaks another requirement too (${others.join(', ') || 'or none at all'})`;
  }
  const onParameters = (requirement.schema ?? []).every((claim) => claim.at.startsWith('parameter:'));
  if (onParameters) return `${UNBREAKABLE}: a path or header value is always text on the wire, so its type cannot be broken`;
  const wanted = claimPointers(spec, requirement).flatMap((pointer) => fixturesGiving(spec.api, spec.requirements, pointer));
  const why = 'the suite could make no request that breaks it';
  return wanted.length ? `${why}: it found no valid value to start from; set ${[...new Set(wanted)].join(' or ')}` : why;
}

/** Where in a request the schema claims of a requirement constrain (list items as their first). */
function claimPointers(spec: LoadedSpec, requirement: Requirement): string[] {
  return (requirement.schema ?? []).flatMap((claim) => {
    const parsed = parseClaim(requirement.id, claim);
    const pointer = requestPointerOf(spec, parsed.location, parsed.pointer);
    return pointer ? [pointer] : [];
  });
}

/**
 * An API's plan as a stream: the boundary cases are made at once (so what could not be made is
 * known before anything is sent), the `runs` random valid requests one by one as they are
 * taken, so a run of any size holds a constant number of cases. `cases` can be taken once.
 */
export interface StreamedPlan extends Omit<ApiPlan, 'cases'> {
  cases: Iterable<PlannedCase>;
  /** How many cases at most: the boundary ones plus `runs` (fewer if valid variations run out). */
  size: number;
}

/**
 * A field the document says is ignored while a condition holds (template_url beside a template)
 * is mutated from a base where the condition does not hold, or no reading would refuse it.
 */
function contextWhereHeeded<C extends MutationContext>(context: C, requirement: Requirement, judge: Judge): C {
  const ignoredWhen = requirement.ignoredWhen;
  if (!ignoredWhen || !('present' in ignoredWhen)) return context;
  const base = withEdits(context.base, { unset: [ignoredWhen.path] });
  // What the removed field decided (the parameters a template declares) goes with it.
  const undecidedSubjects = judge(base)
    .undecided.map((verdict) => requirementById(context.spec, verdict.requirementId)?.rule)
    .flatMap((rule) => (rule && 'path' in rule && rule.path.startsWith('/body/') ? [rule.path] : []));
  return { ...context, base: undecidedSubjects.length ? withEdits(base, { unset: [...new Set(undecidedSubjects)] }) : base };
}

/** A requirement's candidates made from the context's base, or why none can be. */
function candidatesOf(
  context: MutationContext & { world: WorldData },
  requirement: Requirement,
  judge: Judge,
): { candidates: Candidate[] } | { notRunnable: string } {
  if (requirement.schema) return { candidates: schemaCandidates(contextWhereHeeded(context, requirement, judge), requirement) };
  return ruleCandidates(context, requirement);
}

/** Plans an API's cases: boundary cases first and always, then `runs` random valid requests. */
export function planApi(spec: LoadedSpec, config: ConformanceConfig, options: PlanOptions): ApiPlan {
  const streamed = streamPlan(spec, config, options);
  return { api: streamed.api, cases: [...streamed.cases], notRunnable: streamed.notRunnable, discarded: streamed.discarded };
}

/** What planning one API holds while it plans: the world and judge of the fixtures, the plan so far, and what is still to come. */
interface PlanState {
  spec: LoadedSpec;
  options: PlanOptions;
  world: WorldData;
  base: RequestDocument;
  judge: Judge;
  oracle: Oracle;
  sampler: DeterministicSampler;
  context: MutationContext & { world: WorldData };
  success: { id: string; status: number; level: Level };
  plan: ApiPlan;
  /** Cases made so far per `requirement#polarity`, for their ids. */
  counters: Map<string, number>;
  /** Cases made so far, for the per-case suffix of unique names. */
  made: number;
  /** Credential requirements every valid case exercises: it is sent with the configured credentials, their headers computed. */
  credentialIds: string[];
  /** Valid cases that use up a fixture (a free port, a volume): planned after every case that needs it free, each judged again then. */
  usingUp: { candidate: Candidate; requirement: Requirement }[];
  /** Other valid requests each breach is sent from again (a server checking a rule on one code path only is caught too). */
  alternates: AlternateBase[];
}

function planState(spec: LoadedSpec, config: ConformanceConfig, options: PlanOptions, restored: BoundaryPlan | undefined): PlanState {
  const world = restored?.world ?? worldFromFixtures(spec.api, config);
  const base = baseRequest(spec.api, config);
  const judge = createJudge(spec, world);
  const oracle = createOracle(spec, world);
  // A restored world holds what the boundary cases claimed (the base request's name among them): the base was checked when they were planned.
  const baseFailures = restored ? [] : oracle(base);
  if (baseFailures.length) {
    throw new ConfigError(
      `the fixtures of ${spec.api} make a request that is not known to be valid: ${baseFailures.join(', ')}`,
      'Check fixtures.' + spec.api + ' in the config.',
    );
  }
  const sampler = new DeterministicSampler(options.seed);
  // Filling in a field to mutate may leave a rule undecided (a template at a URL): each candidate is judged whole afterwards.
  const fillOracle = createOracle(spec, world, { undecided: 'ignored' });
  const context = { spec, base, oracle: fillOracle, sampler, world };
  const credentialIds = spec.requirements.filter((requirement) => isCredentialRequirement(spec, requirement.id)).map((requirement) => requirement.id);
  const plan: ApiPlan = restored
    ? { api: spec.api, cases: restored.cases, notRunnable: restored.notRunnable, discarded: restored.discarded }
    : { api: spec.api, cases: [], notRunnable: [], discarded: [] };
  return {
    spec,
    options,
    world,
    base,
    judge,
    oracle,
    sampler,
    context,
    success: successRequirement(spec),
    plan,
    counters: new Map(restored?.counters ?? []),
    made: restored?.made ?? 0,
    credentialIds,
    usingUp: [],
    alternates: [],
  };
}

/** A drafted case made a planned one: its id, its unique names suffixed, what it exercises, what it creates claimed. */
function finishCase(state: PlanState, draft: Omit<PlannedCase, 'id' | 'api'>, knownValid = false): PlannedCase {
  const { spec, world, options } = state;
  const counterKey = `${draft.requirementId}#${draft.polarity}`;
  const n = (state.counters.get(counterKey) ?? 0) + 1;
  state.counters.set(counterKey, n);
  state.made += 1;
  const suffix = options.runId ? `c${state.made}_${options.runId}` : `c${state.made}`;
  const setup = draft.setup?.map((request) => freshened(state, request, suffix));
  const request = freshened(state, draft.request, suffix, knownValid);
  const exercises =
    draft.polarity === 'positive' ? [...exercisedRequirements(spec, request, world), ...state.credentialIds].filter((id) => id !== draft.requirementId) : [];
  for (const created of [...(setup ?? []), ...(draft.polarity === 'positive' ? [request] : [])]) claimCreatedKeys(spec, created, world);
  return { ...draft, id: `${counterKey}-${n}`, api: spec.api, request, ...(setup ? { setup } : {}), ...(exercises.length ? { exercises } : {}) };
}

function addCase(state: PlanState, draft: Omit<PlannedCase, 'id' | 'api'>): void {
  state.plan.cases.push(finishCase(state, draft));
}

/** A candidate kept as a case (repaired, or joint and said so), deferred when it uses up a fixture, or recorded as discarded with why. */
function addCandidate(state: PlanState, candidate: Candidate, requirement: Requirement, deferring = true): void {
  const { spec, judge, context, plan, success } = state;
  if (deferring && candidate.polarity === 'positive' && changesState(spec.api, state.world, candidate.request)) {
    state.usingUp.push({ candidate, requirement });
    return;
  }
  const verdict = keep(spec, candidate, judge, context);
  if (!verdict.ok) {
    plan.discarded.push({
      requirementId: candidate.requirementId,
      description: candidate.description,
      failures: verdict.failures,
      ...(verdict.why ? { why: verdict.why } : {}),
      ...(verdict.unstated ? { unstated: verdict.unstated } : {}),
    });
    return;
  }
  const repaired = verdict.request !== candidate.request;
  const joint = verdict.jointWith ?? [];
  addCase(state, {
    requirementId: candidate.requirementId,
    polarity: candidate.polarity,
    origin: 'boundary',
    level: candidate.polarity === 'positive' ? requirement.level : caseLevel(spec, [requirement.id, ...joint], candidate.setup),
    description: joint.length
      ? `${candidate.description}; jointly breaks ${joint.join(', ')} (no request breaks it alone)`
      : repaired
        ? `${candidate.description} (the other rules kept)`
        : candidate.description,
    request: verdict.request,
    expectedStatuses: candidate.polarity === 'positive' ? [success.status] : statusesOf(spec, [requirement.id, ...joint, ...verdict.mayAlsoBreak]),
    ...(joint.length ? { jointWith: joint } : {}),
    ...(candidate.setup ? { setup: candidate.setup } : {}),
  });
}

/** The requirement's first isolated breach made from another valid request, unlike every case planned for it so far. */
function addAlternateNegative(state: PlanState, requirement: Requirement, alternate: AlternateBase): void {
  const { spec, judge, plan } = state;
  const alternateContext = { ...state.context, base: alternate.request };
  const made = candidatesOf(alternateContext, requirement, judge);
  const planned = new Set(plan.cases.filter((testCase) => testCase.requirementId === requirement.id).map((testCase) => JSON.stringify(testCase.request)));
  // A wrong JSON type is refused before any rule's own code runs: a breach of the rule itself is tried first.
  const negatives = ('candidates' in made ? made.candidates : []).filter((candidate) => candidate.polarity === 'negative' && !candidate.setup);
  for (const candidate of [...negatives.filter((item) => item.keyword !== 'type'), ...negatives.filter((item) => item.keyword === 'type')]) {
    const verdict = keep(spec, candidate, judge, alternateContext);
    if (!verdict.ok || verdict.jointWith || planned.has(JSON.stringify(verdict.request))) continue;
    addCase(state, {
      requirementId: requirement.id,
      polarity: 'negative',
      origin: 'boundary',
      level: caseLevel(spec, [requirement.id], undefined),
      description: `${candidate.description}, from another valid request (${alternate.description})`,
      request: verdict.request,
      expectedStatuses: statusesOf(spec, [requirement.id, ...verdict.mayAlsoBreak]),
    });
    return;
  }
}

/** The base request and the documents' own request examples: the valid cases every plan starts with. */
function addStartingCases(state: PlanState): void {
  const { spec, base, world, judge, success, plan } = state;
  addCase(state, {
    requirementId: success.id,
    polarity: 'positive',
    origin: 'boundary',
    level: success.level,
    description: 'the base request from the fixtures',
    request: base,
    expectedStatuses: [success.status],
  });
  for (const example of documentExamples(spec, base, world, judge)) {
    if ('request' in example)
      addCase(state, {
        requirementId: success.id,
        polarity: 'positive',
        origin: 'example',
        level: 'inferred',
        description: example.description,
        request: example.request,
        expectedStatuses: [success.status],
      });
    else plan.discarded.push({ requirementId: success.id, description: example.description, failures: example.failures, why: example.why });
  }
}

/** Why a requirement gets no case of its own before any is made (untestable, on the answer, refusal unstated, a computed credential header); undefined when cases are to be made. */
function reasonWithoutCandidates(spec: LoadedSpec, requirement: Requirement): string | undefined {
  if (requirement.testable === false) return `untestable: ${requirement.untestable ?? ''}`;
  if (requirement.refusal === 'unstated')
    return `${NO_STATED_OUTCOME}: the document does not say that a server refuses a request breaking it, so refusing and ignoring both conform; valid cases keep it`;
  if (isCredentialRequirement(spec, requirement.id)) return credentialHeaderReason(requirement);
  return undefined;
}

/** A requirement's boundary cases: from the base, then from each alternate valid request, and why not when none is left. */
function planRequirement(state: PlanState, requirement: Requirement): void {
  const { spec, plan } = state;
  if (requirement.rule?.kind === 'authenticated' && requirement.testable !== false)
    return credentialCases(spec, requirement, state.base).forEach((draft) => addCase(state, draft));
  if (isResponseRequirement(requirement) && requirement.testable !== false) return;
  const without = reasonWithoutCandidates(spec, requirement);
  if (without) return void plan.notRunnable.push({ requirementId: requirement.id, reason: without });
  const before = plan.cases.length;
  const made = candidatesOf(state.context, requirement, state.judge);
  if ('notRunnable' in made) plan.notRunnable.push({ requirementId: requirement.id, reason: made.notRunnable });
  else made.candidates.forEach((candidate) => addCandidate(state, candidate, requirement));
  for (const alternate of state.alternates) addAlternateNegative(state, requirement, alternate);
  // Only joint negatives (no request breaks it alone): said as such, as no refusal can prove it held.
  const negatives = plan.cases.slice(before).filter((testCase) => testCase.polarity === 'negative');
  if (negatives.length && negatives.every((testCase) => testCase.jointWith)) {
    const joint = [...new Set(negatives.flatMap((testCase) => testCase.jointWith ?? []))];
    plan.notRunnable.push({
      requirementId: requirement.id,
      reason: `${NOT_SEPARABLE}: every request that breaks it also breaks ${joint.join(', ')}; those joint negatives are sent (an acceptance breaks them all), but a refusal proves nothing about it alone`,
    });
  }
  const deferred = state.usingUp.some((item) => item.requirement.id === requirement.id);
  if (plan.cases.length === before && !deferred && !plan.notRunnable.some((item) => item.requirementId === requirement.id)) {
    plan.notRunnable.push({ requirementId: requirement.id, reason: whyNoCase(spec, requirement, plan) });
  }
}

/** The valid cases that use up a fixture, last; a requirement none of whose cases was kept says why. */
function addUsingUpCases(state: PlanState): void {
  const { spec, plan } = state;
  for (const { candidate, requirement } of state.usingUp) addCandidate(state, candidate, requirement, false);
  for (const requirement of new Set(state.usingUp.map((item) => item.requirement))) {
    const planned =
      plan.cases.some((testCase) => testCase.requirementId === requirement.id) || plan.notRunnable.some((item) => item.requirementId === requirement.id);
    if (!planned) plan.notRunnable.push({ requirementId: requirement.id, reason: whyNoCase(spec, requirement, plan) });
  }
}

/** The boundary cases, in their order: the starting valid cases, each requirement's, then the valid cases that use up a fixture. */
function planBoundary(state: PlanState): void {
  state.alternates = alternateBases(state.context);
  addStartingCases(state);
  for (const requirement of state.spec.requirements) planRequirement(state, requirement);
  addUsingUpCases(state);
}

/** What a store keeps of a state whose boundary cases are planned (taken before any random case claims a name). */
function boundaryOf(state: PlanState): BoundaryPlan {
  const { plan } = state;
  return { cases: plan.cases, notRunnable: plan.notRunnable, discarded: plan.discarded, world: state.world, counters: [...state.counters], made: state.made };
}

/** The API's state with its boundary cases planned: read from the store when it has them, else planned (and stored). */
function plannedBoundary(spec: LoadedSpec, config: ConformanceConfig, options: PlanOptions): PlanState {
  const restored = options.boundaryStore?.read();
  const state = planState(spec, config, options, restored);
  if (restored) return state;
  planBoundary(state);
  options.boundaryStore?.write(boundaryOf(state));
  return state;
}

export function streamPlan(spec: LoadedSpec, config: ConformanceConfig, options: PlanOptions): StreamedPlan {
  const state = plannedBoundary(spec, config, options);
  const { plan, success } = state;
  const boundary = plan.cases;
  function* cases(): Generator<PlannedCase> {
    yield* boundary;
    // Each variation comes known valid by the state's oracle, and the world is unchanged until it is finished.
    for (const request of validVariations(spec, state.base, state.world, state.oracle, state.sampler, options.runs)) {
      const draft: Omit<PlannedCase, 'id' | 'api'> = {
        requirementId: success.id,
        polarity: 'positive',
        origin: 'random',
        level: success.level,
        description: 'a random valid request',
        request,
        expectedStatuses: [success.status],
      };
      yield finishCase(state, draft, true);
    }
  }
  return { api: plan.api, notRunnable: plan.notRunnable, discarded: plan.discarded, cases: cases(), size: boundary.length + Math.max(0, options.runs) };
}
