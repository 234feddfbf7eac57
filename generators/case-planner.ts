import type { ApiName } from '../engine/api-catalogue.ts';
import type { ConformanceConfig } from '../engine/config.ts';
import type { LoadedSpec } from '../engine/spec-loader.ts';
import type { RequestDocument } from '../engine/request-document.ts';
import type { Level, Requirement } from '../engine/requirement-model.ts';
import { expectedStatuses, isResponseRequirement } from '../engine/requirement-model.ts';
import { worldFromFixtures } from '../engine/fixture-worlds.ts';
import { ConfigError } from '../engine/config.ts';
import { documentedSuccess } from '../engine/documented-success.ts';
import { usesSigV4 } from '../engine/security-schemes.ts';
import { formatPointer } from '../engine/json-pointer.ts';
import { absoluteTokens, valueAt } from '../engine/rule-paths.ts';
import { withEdits } from '../engine/request-edits.ts';
import type { TestCase } from '../runner/run-model.ts';
import { baseRequest } from './base-requests.ts';
import { createJudge, flawsOf, isCredentialRequirement, type Judge, type Oracle } from './case-oracle.ts';
import type { RequestJudgement } from '../engine/reasonable-readings.ts';
import { requirementById } from '../engine/spec-loader.ts';
import { DeterministicSampler } from './deterministic-sampler.ts';
import { schemaCandidates, type Candidate, type MutationContext } from './schema-mutations.ts';
import { ruleCandidates } from './rule-mutations.ts';
import { validVariations } from './valid-variations.ts';
import { claimCreatedKeys } from './planned-creations.ts';
import { exercisedRequirements } from './exercised-requirements.ts';
import { changesState } from '../engine/creation-effects.ts';
import { fixturesGiving } from './missing-fixtures.ts';
import { requestPointerOf } from './schema-instance-paths.ts';
import { parseClaim } from '../engine/schema-claims.ts';

export interface PlanOptions {
  seed: number;
  /** Random valid requests per API, after the boundary cases. */
  runs: number;
  /** A tag of this run, added to unique names (a stack name) so two runs with the same seed against one target do not collide; the seed fixes every other byte. */
  runId?: string;
}

/** Everything the run will send for one API, and what it could not make (never silently). */
export interface ApiPlan {
  api: ApiName;
  cases: TestCase[];
  /** Requirements no case tests, with why (untestable, response-side, fixture missing…). */
  notRunnable: { requirementId: string; reason: string }[];
  /** Generated candidates that did not break exactly their requirement, or broke it only by a value the documents tolerate (they would prove nothing). */
  discarded: { requirementId: string; description: string; failures: string[]; why?: string }[];
}

function successRequirement(spec: LoadedSpec): { id: string; status: number; level: Level } {
  const success = documentedSuccess(spec);
  if (!success) throw new ConfigError(`${spec.api}: the spec has no responseStatus rule`);
  return { id: success.requirementId, status: success.status, level: requirementById(spec, success.requirementId)?.level ?? 'explicit' };
}

/** Body keys of uniqueWithin rules get a per-case suffix, so each creation is new (a stack name per tenant). */
function freshened(spec: LoadedSpec, request: RequestDocument, suffix: string): RequestDocument {
  const set: Record<string, unknown> = {};
  for (const { rule } of spec.requirements) {
    if (rule?.kind !== 'uniqueWithin') continue;
    for (const path of rule.key.filter((key) => key.startsWith('/body/'))) {
      const value = valueAt(request, path);
      if (typeof value === 'string') set[formatPointer(absoluteTokens(path, []))] = `${value}_${suffix}`;
    }
  }
  return Object.keys(set).length ? withEdits(request, { set }) : request;
}

function credentialCases(spec: LoadedSpec, requirement: Requirement, base: RequestDocument): Omit<TestCase, 'id' | 'api'>[] {
  const variants: [NonNullable<TestCase['credentials']>, string][] = usesSigV4(spec)
    ? [['none', 'unsigned: no Authorization header'], ['wrong-signature', 'signed with the wrong secret key'], ['expired-signature', 'signed 20 minutes ago']]
    : [['none', 'no X-Auth-Token'], ['wrong-token', 'a wrong X-Auth-Token']];
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

type Keep = { ok: true; alsoBreaks: string[]; mayAlsoBreak: string[] } | { ok: false; failures: string[]; why?: string };

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
 * negative" that some reasonable server accepts proves nothing), and besides at most rules that
 * the same value cannot help breaking (a wrong-typed pool_id names no pool either): never
 * another schema requirement, which would make the case prove nothing about its own.
 */
function keep(spec: LoadedSpec, candidate: Candidate, judge: Judge): Keep {
  const judged = judge(candidate.request);
  // A case with setup breaks its rule only through the state the setup creates: alone it is valid.
  if (candidate.polarity === 'positive' || candidate.setup) {
    const why = describeFlaws(judged, candidate.setup ? candidate.requirementId : '');
    if (judged.broken.length || why) return { ok: false, failures: judged.broken, ...(why ? { why } : {}) };
    return { ok: true, alsoBreaks: [], mayAlsoBreak: [] };
  }
  if (!judged.broken.includes(candidate.requirementId)) {
    const own = judged.ambiguous.find((item) => item.requirementId === candidate.requirementId);
    return { ok: false, failures: judged.broken, ...(own ? { why: own.why } : {}) };
  }
  const others = judged.broken.filter((id) => id !== candidate.requirementId);
  const onlyRules = others.every((id) => requirementById(spec, id)?.rule !== undefined);
  if (!onlyRules) return { ok: false, failures: judged.broken };
  const ignorable = unstatedBreaches(spec, judged, candidate.requirementId);
  if (ignorable.length) return { ok: false, failures: judged.broken, why: `it also breaks ${ignorable.join(', ')}, which the document does not say a server refuses: a server may ignore what it concerns (an item "not mapped") rather than refuse the request` };
  // Other requirements only some reading breaks, or the world cannot decide: a refusal for them is no fault either.
  const mayAlsoBreak = [...judged.ambiguous.map((item) => item.requirementId), ...judged.undecided.map((item) => item.requirementId)].filter((id) => id !== candidate.requirementId);
  return { ok: true, alsoBreaks: others, mayAlsoBreak: [...new Set(mayAlsoBreak)] };
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
  if (discarded.length && discarded.every((item) => item.why)) return `every request that breaks it does so only by a value the documents leave ambiguous: ${discarded.map((item) => item.why).join('; ')}`;
  if (discarded.length) {
    const others = [...new Set(discarded.flatMap((item) => item.failures).filter((id) => id !== requirement.id))];
    return `every request the suite could make breaks another requirement too (${others.join(', ') || 'or none at all'})`;
  }
  const onParameters = (requirement.schema ?? []).every((claim) => claim.at.startsWith('parameter:'));
  if (onParameters) return 'a path or header value is always text on the wire: its type cannot be broken';
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
  cases: Iterable<TestCase>;
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

/** Plans an API's cases: boundary cases first and always, then `runs` random valid requests. */
export function planApi(spec: LoadedSpec, config: ConformanceConfig, options: PlanOptions): ApiPlan {
  const streamed = streamPlan(spec, config, options);
  return { api: streamed.api, cases: [...streamed.cases], notRunnable: streamed.notRunnable, discarded: streamed.discarded };
}

export function streamPlan(spec: LoadedSpec, config: ConformanceConfig, options: PlanOptions): StreamedPlan {
  const world = worldFromFixtures(spec.api, config);
  const base = baseRequest(spec.api, config);
  const judge = createJudge(spec, world);
  const oracle: Oracle = (request) => flawsOf(judge(request));
  const baseFailures = oracle(base);
  if (baseFailures.length) {
    throw new ConfigError(`the fixtures of ${spec.api} make a request that is not known to be valid: ${baseFailures.join(', ')}`, 'Check fixtures.' + spec.api + ' in the config.');
  }
  const sampler = new DeterministicSampler(options.seed);
  // Filling in a field to mutate may leave a rule undecided (a template at a URL): each candidate is judged whole afterwards.
  const fillOracle: Oracle = (request) => flawsOf({ ...judge(request), undecided: [] });
  const context: MutationContext & { world: typeof world } = { spec, base, oracle: fillOracle, sampler, world };
  const success = successRequirement(spec);
  const plan: ApiPlan = { api: spec.api, cases: [], notRunnable: [], discarded: [] };
  const counters = new Map<string, number>();
  let made = 0;

  const finish = (draft: Omit<TestCase, 'id' | 'api'>): TestCase => {
    const counterKey = `${draft.requirementId}#${draft.polarity}`;
    const n = (counters.get(counterKey) ?? 0) + 1;
    counters.set(counterKey, n);
    made += 1;
    const suffix = options.runId ? `c${made}_${options.runId}` : `c${made}`;
    const setup = draft.setup?.map((request) => freshened(spec, request, suffix));
    const request = freshened(spec, draft.request, suffix);
    const exercises = draft.polarity === 'positive' ? exercisedRequirements(spec, request, world).filter((id) => id !== draft.requirementId) : [];
    for (const created of [...(setup ?? []), ...(draft.polarity === 'positive' ? [request] : [])]) claimCreatedKeys(spec, created, world);
    return { ...draft, id: `${counterKey}-${n}`, api: spec.api, request, ...(setup ? { setup } : {}), ...(exercises.length ? { exercises } : {}) };
  };
  const add = (draft: Omit<TestCase, 'id' | 'api'>): void => void plan.cases.push(finish(draft));
  // A valid case that uses up a fixture (a free port, a volume) comes after every case that needs it free; each is judged again then.
  const usingUp: { candidate: Candidate; requirement: Requirement }[] = [];
  const addCandidate = (candidate: Candidate, requirement: Requirement, deferring = true): void => {
    if (deferring && candidate.polarity === 'positive' && changesState(spec.api, world, candidate.request)) {
      usingUp.push({ candidate, requirement });
      return;
    }
    const verdict = keep(spec, candidate, judge);
    if (!verdict.ok) {
      plan.discarded.push({ requirementId: candidate.requirementId, description: candidate.description, failures: verdict.failures, ...(verdict.why ? { why: verdict.why } : {}) });
      return;
    }
    const also = verdict.alsoBreaks;
    const breaks = [requirement.id, ...also];
    add({
      requirementId: candidate.requirementId,
      polarity: candidate.polarity,
      origin: 'boundary',
      level: candidate.polarity === 'positive' ? requirement.level : caseLevel(spec, breaks, candidate.setup),
      description: also.length ? `${candidate.description}; also breaks ${also.join(', ')}` : candidate.description,
      request: candidate.request,
      expectedStatuses: candidate.polarity === 'positive' ? [success.status] : statusesOf(spec, [...breaks, ...verdict.mayAlsoBreak]),
      ...(also.length ? { alsoBreaks: also } : {}),
      ...(candidate.setup ? { setup: candidate.setup } : {}),
    });
  };

  add({ requirementId: success.id, polarity: 'positive', origin: 'boundary', level: success.level, description: 'the base request from the fixtures', request: base, expectedStatuses: [success.status] });
  for (const requirement of spec.requirements) {
    if (requirement.testable === false) plan.notRunnable.push({ requirementId: requirement.id, reason: `untestable: ${requirement.untestable ?? ''}` });
    else if (requirement.rule?.kind === 'authenticated') credentialCases(spec, requirement, base).forEach(add);
    else if (isResponseRequirement(requirement)) continue;
    else if (requirement.refusal === 'unstated') plan.notRunnable.push({ requirementId: requirement.id, reason: 'the document does not say that a server refuses a request breaking it: valid cases keep it, and no case breaks it' });
    else if (isCredentialRequirement(spec, requirement.id)) plan.notRunnable.push({ requirementId: requirement.id, reason: 'a credential header the suite computes; the authentication checks send it missing and wrong' });
    else {
      const before = plan.cases.length;
      if (requirement.schema) schemaCandidates(contextWhereHeeded(context, requirement, judge), requirement).forEach((candidate) => addCandidate(candidate, requirement));
      else {
        const made = ruleCandidates(context, requirement);
        if ('notRunnable' in made) plan.notRunnable.push({ requirementId: requirement.id, reason: made.notRunnable });
        else made.candidates.forEach((candidate) => addCandidate(candidate, requirement));
      }
      const deferred = usingUp.some((item) => item.requirement.id === requirement.id);
      if (plan.cases.length === before && !deferred && !plan.notRunnable.some((item) => item.requirementId === requirement.id)) {
        plan.notRunnable.push({ requirementId: requirement.id, reason: whyNoCase(spec, requirement, plan) });
      }
    }
  }
  for (const { candidate, requirement } of usingUp) addCandidate(candidate, requirement, false);
  for (const requirement of new Set(usingUp.map((item) => item.requirement))) {
    const planned = plan.cases.some((testCase) => testCase.requirementId === requirement.id) || plan.notRunnable.some((item) => item.requirementId === requirement.id);
    if (!planned) plan.notRunnable.push({ requirementId: requirement.id, reason: whyNoCase(spec, requirement, plan) });
  }
  const boundary = plan.cases;
  function* cases(): Generator<TestCase> {
    yield* boundary;
    for (const request of validVariations(spec, base, world, oracle, sampler, options.runs)) {
      yield finish({ requirementId: success.id, polarity: 'positive', origin: 'random', level: success.level, description: 'a random valid request', request, expectedStatuses: [success.status] });
    }
  }
  return { api: plan.api, notRunnable: plan.notRunnable, discarded: plan.discarded, cases: cases(), size: boundary.length + Math.max(0, options.runs) };
}
