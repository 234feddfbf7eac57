import { API_NAMES } from '../apis/catalogue.ts';

/** The --help text: the command line, its options and exit codes, as the README documents them. */
export const USAGE = `conformance — does an endpoint do what its documentation says?

Usage:
  npx conformance run [--target URL] [--config FILE] [--api NAME]... [--seed N] [--runs N]
                      [--report FILE.html] [--junit FILE.xml] [--json FILE.json] [--strict]
                      [--concurrency N] [--timeout S] [--deadline S] [--rate N] [--shard I/N]
                      [--negative-only] [--max-creates N] [--dry-run] [--ca FILE] [--insecure]
                      [--no-cleanup] [--ledger FILE] [--max-failures N] [--os-cloud NAME]
                      [--include ID|GLOB]... [--exclude ID|GLOB]... [--baseline FILE]
                      [--strict-baseline] [--label NAME] [--workers N] [--cache-dir DIR] [--no-cache]
  npx conformance cleanup LEDGER [--config FILE] [--timeout S] [--ca FILE] [--insecure]
  npx conformance mock [--port N] [--config FILE] [--fault ID]... [--personality strict|lenient]
  npx conformance report RESULTS.json... [--html FILE.html] [--junit FILE.xml] [--strict]
                         [--baseline FILE] [--strict-baseline]
  npx conformance replay RESULTS.json [--failed] [--case ID]... [--target URL] [--config FILE]
                         [--report FILE.html] [--junit FILE.xml] [--json FILE.json] [--baseline FILE] …
  npx conformance baseline RESULTS.json... [--reason TEXT] [--link URL] [--expires YYYY-MM-DD]
                         [--target LABEL] > baseline.json
  npx conformance specs [--api NAME]... [--json]
  npx conformance --help | --version

Commands:
  run     Check the APIs against a target: schema checks, property-based request bodies
          (valid, boundary, and invalid ones that break exactly one rule) and the expected
          status of each. With no --target (and none in the config) it starts the embedded
          mock on an ephemeral 127.0.0.1 port, runs against it and stops it.
          Each failure shows the requirement, the document's sentence, the request, the
          response and a curl command that reproduces it (secrets redacted).
  mock    Serve the APIs' create operations on 127.0.0.1 as the documents describe them: the
          reference server (the embedded mock). Prints its URL when ready; stops on
          SIGINT/SIGTERM.
  report  Merge saved --json results (the shards of one run, or runs of different APIs)
          into one verdict, and write the HTML and JUnit reports asked for. Exits like
          run: 0 conformant, 1 not conformant or incomplete; 2 unreadable results, or
          shards that are not one whole run (a shard missing or given twice, other seeds,
          plans or suite versions, a shard that stopped early or ended with exit 2).
  replay  Send recorded cases again and judge them again: all, --failed, or --case ID.
          They are planned anew from the recorded seed and selection (signed afresh, new
          unique names); a changed spec, fixture or suite version is refused (exit 2).
  baseline
          Print a baseline (known deviations) from results: one entry per requirement
          that fails the run, for run/report --baseline.
  specs   Load and validate the specs and list, per API, every requirement and erratum
          (see Options of specs).
  cleanup Delete what a run's ledger lists as created and not yet deleted (a run stopped
          by SIGINT, or run with --no-cleanup), with the config's credentials; each
          deletion is printed and added to the ledger. Exit 0 when nothing is left, 1 else.

Options of run:
  --target URL        Base URL of the endpoint under test (overrides the config's target).
  --config FILE       Config file (JSON): target, apis.<name>.target, auth.token,
                      auth.sigv4, fixtures.<name>. See README.md.
  --api NAME          Only this API; repeat for several. Names: ${API_NAMES.join(', ')}.
  --seed N            Seed of the generators: same seed, same specs, same requests
                      (default: a random seed, printed at the end of the run).
  --runs N            Random valid requests per API, after the boundary cases (default 50).
  --report FILE.html  Write the self-contained HTML report: verdicts, the requirements
                      matrix with the documents' sentences, each broken requirement's
                      counterexample and curl, the errata. Opens offline, from disk.
  --junit FILE.xml    Write JUnit XML: one test case per requirement per API.
  --json FILE.json    Write every case's result as JSON, streamed as the run goes
                      (format version 1; \`conformance report\` reads it back).
  --strict            Also fail on inferred requirements, not only explicit ones.
  --concurrency N     Requests in flight at once (default 8).
  --timeout S         Seconds a request may take before it fails as a timeout (default 10).
  --deadline S        Seconds the whole run may take; cases not sent by then are reported
                      and the run fails (exit 1). Default: no deadline. SIGINT stops a run
                      the same way, reporting what ran.
  --shard I/N         Send only the I-th of N deterministic slices of each API's cases
                      (same seed: the N shards together are exactly the whole run); merge
                      the shards' --json results with \`conformance report\`.
  --negative-only     Live safety: send only requests a conforming target must refuse
                      (nothing should be created); the rest is reported as not sent.
  --max-creates N     Live safety: at most N requests per API that should create a resource.
  --rate N            At most N requests per second over the whole run.
  --dry-run           Print the cases the run would send, and send nothing (exit 0).
  --ca FILE           Trust the certificate(s) in this PEM file (the endpoint's CA, or its
                      self-signed certificate) instead of the system's CAs.
  --insecure          Do not verify the target's TLS certificate or host name (self-signed
                      test endpoints only; never for production).
  --no-cleanup        Against a live target, keep what the run creates. By default each
                      resource is deleted right after its case (once settled), and an API
                      that allows one resource where cases make several (one health monitor
                      per pool) runs its cases one at a time. Before planning, the fixtures'
                      valid request is sent once (not with --negative-only or --max-creates):
                      a 401/403 or 404 stops the run (exit 2) with what to check.
  --ledger FILE       Where to write the ledger of created resources, one JSON line per
                      creation and deletion, as the run goes (default: beside --json, else
                      the temporary folder; the path is printed). Unique names (stack names)
                      carry a tag of the run, so a rerun with the same seed does not collide.
  --max-failures N    Stop once N requirements are broken (exit 1, reports incomplete).
  --os-cloud NAME     Keystone v3 credentials from clouds.yaml's cloud NAME (also OS_CLOUD;
                      without it the OS_* variables, or auth.keystone in the config): a token,
                      renewed as it expires, and each API's endpoint from the service catalog.
  A 429 or 503 with Retry-After is retried after the wait it asks, up to 3 times and 30 s;
  beyond that the case fails with a \`throttled\` check that says so.
                      The report and the console count what a run created (2xx answers),
                      and flag invalid requests that were accepted: they created resources too.

  --include ID|GLOB   Only the cases of the requirements named (ids or globs; \`*\` spans the
                      \`/\`: \`*-required\`); repeatable. Without --api, also only their APIs.
                      A pattern that names no requirement is an error (exit 2).
  --exclude ID|GLOB   None of the cases of the requirements named; repeatable.
  --baseline FILE     Known deviations (\`conformance baseline\` writes one): a baselined
                      requirement still broken is "known" and does not fail; one that holds
                      is "fixed: remove from baseline"; an expired entry fails; anything
                      else broken is new and fails as usual.
  --strict-baseline   A fixed baseline entry fails too (keep the baseline honest).
  --label NAME        The target's name, recorded in the results; baseline entries with a
                      "target" apply only to the target of that label (or URL).
  --workers N         Threads that plan the cases while the run sends them, each API planned
                      whole by one thread; 0 plans on the thread that sends. Default: one per
                      core but the one the sending thread keeps (at least 1) when the run plans
                      1,000 random cases or more (--runs × APIs), else 0. The same seed gives
                      the same cases, byte for byte, whatever N.
  --cache-dir DIR     Where planning keeps what it made for the next runs and shards (default:
                      node_modules/.cache/cloud-create-conformance/plans): each schema's
                      example, invalid and boundary values, for any seed, and each API's
                      boundary cases, for the same seed (the newest 64), all keyed by the
                      suite's code, the specs and the fixtures. A plan that holds a secret
                      fixture is never written, nor a live run's (its unique names carry the
                      run's own tag).
  --no-cache          Plan every case anew, and keep nothing.

Options of report:
  --html FILE.html    Write the HTML report of the merged results.
  --junit FILE.xml    Write the JUnit XML of the merged results.
  --strict            Also fail on inferred requirements (also on when any run was --strict).
  --baseline FILE, --strict-baseline
                      As for run. Without --html or --junit, report prints the verdicts and
                      exits: the gate of a sharded CI run.

Options of replay:
  --failed            Only the cases that failed.
  --case ID           Only this case (as the results and the report name it); repeatable.
  Otherwise run's options but those that choose cases (seed, runs, shard, include…): the
  results file recorded them.

Options of baseline:
  --reason TEXT       Every entry's reason (default: what failed, and when it was recorded).
  --link URL          Every entry's bug link.
  --expires DATE      Every entry's expiry day (YYYY-MM-DD); from that day it fails the gate.
  --target LABEL      Every entry's target (default: the run's --label; none: any target).

Options of specs:
  --api NAME          Only this API; repeat for several (default: all five).
  --json              Print JSON instead: per API an object with api, operation,
                      sourceDocument, the counts (schema and rule {explicit, inferred},
                      untestable, and errata: the number of errata), requirements
                      [{id, level, kind, statusOnBreak, section, quote, document}] and
                      errataList [{id, section, quote, problem, interpretation}].
  Without --json, per API: the operation, its source document and the counts, then one line
  per requirement: its id, level (explicit or inferred), status (schema, rule or untestable,
  and the HTTP status the document gives when a request breaks it; none on the response
  side), and the section and sentence of the document it stands on; then each erratum's id
  and problem. In a terminal a line longer than its width ends its sentence with …; piped
  output and --json keep every sentence whole.

Options of mock:
  --port N            Port to listen on (default: an ephemeral port, printed when ready).
  --config FILE       Fixtures and accepted credentials (same file as run).
  --fault ID          Switch on one deliberate deviation from the documents (apis/<api>/faults.yaml),
                      for proving the suite catches it; repeatable.
  --personality P     strict (default) refuses every value outside the specs but what the
                      documents' own examples send (e.g. "delay": "1", a template object).
                      lenient also accepts what another reasonable reading allows: numeric
                      strings and "true" where numbers and booleans are expected, null and
                      empty optional lists as not given, fields the document says are ignored,
                      and UUIDs without dashes where a UUID is required;
                      it answers with "Content-Type: application/json; charset=utf-8", JSON keys
                      in reverse order, "Connection: close", and the headers the documents' examples
                      show (Via, Server). Both accept unknown fields and charset=utf-8 requests.

Secrets may come from the environment instead of the config file:
  CONFORMANCE_AUTH_TOKEN, CONFORMANCE_SIGV4_ACCESS_KEY_ID, CONFORMANCE_SIGV4_SECRET_ACCESS_KEY,
  or any string of the config as \${NAME} (an environment variable).
CloudBasic's SigV4 keys also come from the AWS chain (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
AWS_SESSION_TOKEN, or AWS_PROFILE in ~/.aws/credentials) when the config gives none.
HTTP_PROXY / HTTPS_PROXY / NO_PROXY are honoured (the embedded mock is never proxied).
CI (any value): run prints a plain progress line on stderr every 10 s (cases done of planned,
failed cases, broken requirements, seconds) instead of the terminal's live line.
GITHUB_STEP_SUMMARY (GitHub Actions): run and report append a Markdown job summary to this file
(verdict, a table per API, each broken requirement with its quote and curl, how to rerun it).
Against a live target only what the config gives is sent (never the mock's token, keys or
fixtures): an API without its credentials or fixtures stops the run (exit 2) before any request.

Exit status:
  0  every explicit requirement held (with --strict: every requirement)
  1  at least one conformance failure
  2  usage or config error, or the target could not be reached at all
`;
