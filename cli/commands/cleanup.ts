import { loadConfig } from '../../apis/config.ts';
import { withAwsCredentialChain } from '../../engine/sigv4/aws-credentials.ts';
import { UsageError } from '../../engine/errors.ts';
import { loadSpec } from '../../apis/api-specs.ts';
import { createDispatcher, DEFAULT_EXCHANGE_LIMITS } from '../../runner/http-exchange.ts';
import { outstandingResources, ResourceLedger } from '../../runner/resource-ledger.ts';
import { DEFAULT_CLEANUP_BOUNDS, removeResource } from '../../runner/resource-cleanup.ts';
import { readCaFile } from '../../runner/tls-options.ts';
import { CLEANUP_OPTIONS, existingFileOption, integerOption, parseCommandOptions } from '../arguments.ts';

/**
 * `conformance cleanup LEDGER [--config FILE]`: deletes what a run's ledger says it created and
 * did not delete (a run stopped by SIGINT, a --no-cleanup run), with the config's credentials,
 * reports each deletion, and writes them to the same ledger. Exit 0 when nothing is left.
 */
export async function cleanupCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandOptions('cleanup', args, CLEANUP_OPTIONS, true);
  if (positionals.length !== 1) throw new UsageError('cleanup takes one ledger file: npx conformance cleanup LEDGER [--config FILE]');
  const file = existingFileOption('ledger', positionals[0]) as string;
  const config = await withAwsCredentialChain(loadConfig(existingFileOption('config', values.config)));
  const timeoutSeconds = integerOption('timeout', values.timeout, 1, 3600) ?? 10;
  const limits = { ...DEFAULT_EXCHANGE_LIMITS, timeoutMs: timeoutSeconds * 1000 };
  const tls = { ...(values.ca ? { ca: readCaFile(values.ca) } : {}), ...(values.insecure ? { insecure: true } : {}) };
  const outstanding = outstandingResources(file);
  if (outstanding.length === 0) {
    process.stdout.write(`${file}: nothing left to delete.\n`);
    return 0;
  }
  const dispatcher = createDispatcher(1, limits, tls);
  const context = { dispatcher, config, limits, ledger: new ResourceLedger(file, true), bounds: DEFAULT_CLEANUP_BOUNDS };
  let left = 0;
  try {
    for (const resource of outstanding) {
      const outcome = await removeResource(await loadSpec(resource.api), resource, context);
      if (outcome.deleted) process.stdout.write(`deleted ${resource.api} ${resource.id} (${resource.deleteUrl ?? ''})\n`);
      else {
        left += 1;
        process.stdout.write(`left ${resource.api} ${resource.id}: ${outcome.reason}\n`);
      }
    }
  } finally {
    await dispatcher.close();
  }
  process.stdout.write(`${outstanding.length - left} of ${outstanding.length} deleted${left ? `; ${left} left (see above)` : ''}.\n`);
  return left ? 1 : 0;
}
