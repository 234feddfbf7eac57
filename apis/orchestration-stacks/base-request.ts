import type { RequestDocument } from '../../engine/request/request-document.ts';
import type { OrchestrationFixtures } from './fixtures.ts';

/** A valid stack of an empty template with one parameter given and one defaulted. */
export function baseRequestOf(f: OrchestrationFixtures): Omit<RequestDocument, 'method' | 'header'> {
  return {
    path: { tenant_id: f.tenantId },
    body: {
      stack_name: 'conformance_stack',
      template: [
        'heat_template_version: "2013-05-23"',
        'parameters:',
        '  key_name:',
        '    type: string',
        '  flavor:',
        '    type: string',
        '    default: m1.small',
        'resources: {}',
        '',
      ].join('\n'),
      parameters: { key_name: 'conformance_key' },
      timeout_mins: 60,
      disable_rollback: true,
    },
  };
}
