import { loadSpec } from '../../engine/spec-loader.ts';
import { describeApiConformance } from '../support/api-conformance.ts';

describeApiConformance(await loadSpec('compute-servers'));
