import { ConformanceError } from '../engine/errors.ts';

/** The target could not be reached at all: exit 2, with the address and the cause. */
export class TargetUnreachableError extends ConformanceError {
  constructor(readonly target: string, cause: string) {
    super('CONF_TARGET_UNREACHABLE', `cannot reach the target ${target}: ${cause}`, 'Check --target (or the config\'s target) and that the endpoint is up.');
  }
}
