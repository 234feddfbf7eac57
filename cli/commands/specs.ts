import { type LoadedSpec } from '../../engine/spec/spec-loader.ts';
import { loadSpec } from '../../apis/api-specs.ts';
import { apiNamesOption, parseCommandOptions, SPECS_OPTIONS } from '../arguments.ts';
import { listSpec } from '../specs-listing.ts';
import { plannedCoverage } from '../specs-coverage.ts';
import { formatSpecListings } from '../specs-text.ts';

/** `conformance specs [--api NAME]... [--json]`: each API's requirements and errata, as text or JSON. */
export async function specsCommand(args: string[]): Promise<number> {
  const options = parseCommandOptions('specs', args, SPECS_OPTIONS);
  const specs = await Promise.all(apiNamesOption(options.api).map((api) => loadSpec(api)));
  const listings = specs.map(listSpec);
  const width = process.stdout.isTTY ? process.stdout.columns : undefined;
  // The JSON also says what a default run sends each way: it plans one (a few seconds), the text does not.
  const withCoverage = () => listings.map((listing, index) => ({ ...listing, coverage: plannedCoverage(specs[index] as LoadedSpec) }));
  process.stdout.write(options.json ? `${JSON.stringify(withCoverage(), null, 2)}\n` : `${formatSpecListings(listings, { width })}\n`);
  return 0;
}
