import fc from 'fast-check';

/** One DNS label (RFC 1123): letters, digits and inner hyphens, 1–63 characters. */
export function hostnameLabel(): fc.Arbitrary<string> {
  return fc.stringMatching(/^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/);
}

/** The `hostname` format: a domain name, or a single label (`db1`), 253 characters at most. */
export function hostnameText(): fc.Arbitrary<string> {
  return fc.oneof({ weight: 3, arbitrary: fc.domain() }, { weight: 1, arbitrary: hostnameLabel() }).filter((name) => name.length <= 253);
}
