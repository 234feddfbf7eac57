import fc from 'fast-check';
import { base64Text } from './base64-text.ts';
import { cidrNotation } from './cidr-notation.ts';
import { dateText, dateTimeText, timeText } from './date-time-text.ts';
import { hostnameLabel, hostnameText } from './hostname-text.ts';
import { webUrlText } from './web-url-text.ts';

/** Length limits a format arbitrary may use to stay inside `minLength`/`maxLength` by construction. */
export interface FormatLengths {
  minLength: number;
  maxLength: number;
}

type FormatArbitrary = (lengths: FormatLengths) => fc.Arbitrary<string>;

const FORMATS: Record<string, FormatArbitrary> = {
  uuid: () => fc.uuid(),
  ipv4: () => fc.ipV4(),
  ipv6: () => fc.ipV6(),
  cidr: () => cidrNotation(),
  byte: ({ minLength, maxLength }) => base64Text(minLength, maxLength),
  uri: () => webUrlText({ withQueryParameters: true, withFragments: true }),
  url: () => webUrlText(),
  'uri-reference': () => fc.oneof(webUrlText(), fc.stringMatching(/^(\/[a-z0-9]{1,8}){1,3}$/)),
  hostname: () => hostnameText(),
  'date-time': () => dateTimeText(),
  date: () => dateText(),
  time: () => timeText(),
  email: () => fc.tuple(hostnameLabel(), fc.domain()).map(([local, domain]) => `${local}@${domain}`),
  password: ({ maxLength }) => fc.string({ minLength: 1, maxLength: Math.min(maxLength, 32) }),
  binary: ({ maxLength }) => fc.string({ maxLength: Math.min(maxLength, 32) }),
};

/** Format arbitraries (URLs, fc.domain…) are costly to build and immutable: built once per format and lengths. */
const built = new Map<string, fc.Arbitrary<string>>();

/** Strings of a string format the suite's ajv checks, or undefined for a format the generators do not know. */
export function formatText(format: string, lengths: FormatLengths): fc.Arbitrary<string> | undefined {
  const make = FORMATS[format];
  if (!make) return undefined;
  const key = `${format} ${lengths.minLength} ${lengths.maxLength}`;
  let arbitrary = built.get(key);
  if (!arbitrary) {
    arbitrary = make(lengths);
    built.set(key, arbitrary);
  }
  return arbitrary;
}
