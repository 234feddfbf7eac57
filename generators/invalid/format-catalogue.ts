/**
 * Classic values per format, as data: `invalid` breaks the format (and nothing else, for a
 * plain `{type: string, format}`); `nearMiss` breaks it one step outside, where a check by shape
 * or by range alone lets it through (an octet of 256, a CIDR /33, a UUID group one digit short);
 * `boundary` is valid but at an edge of the format. ajv confirms each before it is used.
 *
 * Left out on purpose, because a reasonable server accepts them and the documents do not settle
 * it: a UUID in braces, as a URN or with its dashes elsewhere (Python's uuid.UUID takes them);
 * leading zeros in an octet or a prefix; an IPv6 zone; a hostname with `_`; base64 with a stray
 * character or without padding (decoders skip or tolerate them).
 */
export interface FormatCases {
  invalid: string[];
  nearMiss: string[];
  boundary: string[];
}

export const FORMAT_CATALOGUE: Record<string, FormatCases> = {
  uuid: {
    invalid: ['not-a-uuid', '123e4567-e89b-12d3-a456-42661417400'],
    nearMiss: [
      '123e4567-e89b-12d3-a456-42661417400', // last group one digit short
      '123e4567-e89b-12d3-a456-4266141740000', // last group one digit long
      '123e4567-e89b-12d3-a45-426614174000', // fourth group one digit short
      '123e4567-e89b-12d3-a456-42661417400g', // one letter that is not hex
      ' 123e4567-e89b-12d3-a456-426614174000', // a leading space
    ],
    // The largest hex digit, in lower and in upper case (RFC 4122: case-insensitive on input).
    boundary: ['ffffffff-ffff-ffff-ffff-ffffffffffff', 'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF'],
  },
  ipv4: {
    invalid: ['256.1.1.1', '1.2.3'],
    nearMiss: [
      '10.0.0.256', // an octet of 256
      '10.0.0', // three octets
      '10.0.0.1.1', // five octets
      '10.0.0.1.', // a trailing dot
      ' 10.0.0.1', // a leading space
    ],
    // The largest and the smallest octet in one ordinary host address.
    boundary: ['10.255.0.1'],
  },
  ipv6: {
    invalid: ['1:::2', '1:2:3:4:5:6:7:8:9'],
    nearMiss: [
      '2001:db8::g', // a group that is not hex
      '2001:db8::12345', // a group of five digits
      '1:2:3:4:5:6:7', // seven groups, no ::
      '2001:db8:::1', // three colons
      '::ffff:10.0.0.256', // an embedded IPv4 with an octet of 256
      ' 2001:db8::1', // a leading space
    ],
    // All eight groups written out, each of four digits.
    boundary: ['2001:db8:ffff:ffff:ffff:ffff:ffff:fffe'],
  },
  cidr: {
    invalid: ['10.0.0.0/33', '::1/129', '1.2.3/8', '10.0.0.0'],
    nearMiss: [
      '10.0.0.0/33', // a prefix one too long (IPv4)
      '2001:db8::/129', // a prefix one too long (IPv6)
      '10.0.0.256/24', // an octet of 256
      '10.0.0/24', // three octets
      '10.0.0.0/', // no prefix after the slash
      ' 10.0.0.0/24', // a leading space
    ],
    // Whole spaces, host bits set, single hosts, and the documents' own "1.2.3.4/5".
    boundary: ['0.0.0.0/0', '10.0.0.1/32', '::/0', '::1/128', '1.2.3.4/5'],
  },
  byte: {
    invalid: ['not base64!', 'abc'],
    // Five characters: one more than a whole group, which no base64 decoder can read.
    nearMiss: ['YWJjZ'],
    // Padded with two, and with one `=`.
    boundary: ['YQ==', 'YWI='],
  },
  uri: {
    invalid: ['not a uri', '/relative/path'],
    nearMiss: [
      'http://exa mple.com/', // a space in the host
      'http://[::1/', // an IPv6 host left open
      'http//example.com/', // no colon after the scheme
      ' http://example.com/', // a leading space
    ],
    // The highest port, unreserved punctuation in the path, a query and a fragment.
    boundary: ['https://example.com:65535/a-b._~/c?d=e&f=g#h'],
  },
  hostname: {
    invalid: ['-bad-.example', 'bad_host.example'],
    nearMiss: [
      'host..example', // an empty label
      `${'a'.repeat(64)}.example`, // a label of 64 characters
      'host-.example', // a label ending in a hyphen
      ' host.example', // a leading space
    ],
    // One character; a label of 63 characters.
    boundary: ['a', `${'a'.repeat(63)}.example`],
  },
  'date-time': {
    invalid: ['not-a-date-time', '2024-13-01T00:00:00Z', '2024-01-01T00:00:00'],
    nearMiss: ['2024-01-32T00:00:00Z', '2024-01-01T00:60:00Z'],
    boundary: [],
  },
  date: { invalid: ['not-a-date', '2024-02-30'], nearMiss: ['2023-02-29', '2024-04-31'], boundary: ['2024-02-29'] },
  time: { invalid: ['25:00:00Z'], nearMiss: ['24:00:00Z', '23:60:00Z'], boundary: [] },
  email: { invalid: ['not-an-email'], nearMiss: ['user@@example.com', 'user@'], boundary: [] },
};
