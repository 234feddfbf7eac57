import { loadSpec } from '../../apis/api-specs.ts';
import { describeApiConformance } from '../support/api-conformance.ts';

describeApiConformance(await loadSpec('cloud-databases-ha'));
