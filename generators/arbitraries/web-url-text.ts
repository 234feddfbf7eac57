import fc from 'fast-check';

// URLs (RFC 3986) composed of fast-check's parts. fc.webUrl draws its percent-encoded characters
// from every code point, and fast-check maps all 1.1 million of them into a table the first time
// it builds one (about a second and a hundred MB in every planning thread); a handful of encoded
// characters, multi-byte ones among them, exercise a server's decoding as well.

const LETTERS_AND_DIGITS = [
  { num: 26, build: (index: number) => String.fromCharCode(97 + index) },
  { num: 26, build: (index: number) => String.fromCharCode(65 + index) },
  { num: 10, build: (index: number) => String.fromCharCode(48 + index) },
];

function charactersOf(others: string): fc.Arbitrary<string> {
  return fc.mapToConstant(...LETTERS_AND_DIGITS, { num: others.length, build: (index) => others.charAt(index) });
}

const PERCENT_ENCODED = fc.constantFrom('%20', '%25', '%2F', '%3F', '%C3%A9', '%E2%82%AC', '%F0%9F%98%80');

/** Characters of a path segment, a query or a fragment: unreserved ones, `others` of RFC 3986's, now and then one percent-encoded. */
function textOf(others: string, maxLength: number): fc.Arbitrary<string> {
  const unit = fc.oneof({ weight: 10, arbitrary: charactersOf(`-._~${others}`) }, { weight: 1, arbitrary: PERCENT_ENCODED });
  return fc.string({ unit, maxLength });
}

const SUB_DELIMITERS = "!$&'()*+,;=";
const SEGMENT = textOf(`${SUB_DELIMITERS}:@`, 12);
const PATH = fc.array(SEGMENT, { maxLength: 4 }).map((segments) => segments.map((segment) => `/${segment}`).join(''));
const QUERY_OR_FRAGMENT = textOf(`${SUB_DELIMITERS}:@/?`, 16);
const PORT = fc.option(
  fc.integer({ min: 1, max: 65535 }).map((port) => `:${port}`),
  { nil: '' },
);

export interface WebUrlParts {
  withQueryParameters?: boolean;
  withFragments?: boolean;
}

/** An http or https URL with a domain name, maybe a port, a path, and when asked maybe a query and a fragment. */
export function webUrlText({ withQueryParameters = false, withFragments = false }: WebUrlParts = {}): fc.Arbitrary<string> {
  const optional = (present: boolean, prefix: string) =>
    present
      ? fc.option(
          QUERY_OR_FRAGMENT.map((text) => prefix + text),
          { nil: '' },
        )
      : fc.constant('');
  return fc
    .tuple(fc.constantFrom('http', 'https'), fc.domain(), PORT, PATH, optional(withQueryParameters, '?'), optional(withFragments, '#'))
    .map(([scheme, domain, port, path, query, fragment]) => `${scheme}://${domain}${port}${path}${query}${fragment}`);
}
