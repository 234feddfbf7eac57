import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_CONFIG } from '../../apis/config.ts';
import type { Fixtures } from './api-fixtures.ts';

/**
 * A config file for a run against a local test server acting as a live target: against a live
 * target the suite sends only what the config gives (never the embedded mock's defaults), so a
 * test gives the credentials and the fixtures explicitly, here the mock's own values.
 */
export function writeLiveConfig(dir: string, extra: { target?: string; auth?: object; fixtures?: Partial<Fixtures> } = {}): string {
  const file = path.join(dir, 'live-config.json');
  const config = {
    ...(extra.target ? { target: extra.target } : {}),
    auth: extra.auth ?? { token: 'live-test-token', sigv4: DEFAULT_CONFIG.auth.sigv4 },
    fixtures: { ...structuredClone(DEFAULT_CONFIG.fixtures), ...extra.fixtures },
  };
  writeFileSync(file, JSON.stringify(config));
  return file;
}
