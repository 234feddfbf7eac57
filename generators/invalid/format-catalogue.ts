/**
 * Classic values per format, as data: `invalid` breaks the format (and nothing else, for a
 * plain `{type: string, format}`); `boundary` is valid but at an edge of the format.
 */
export interface FormatCases {
  invalid: string[];
  boundary: string[];
}

export const FORMAT_CATALOGUE: Record<string, FormatCases> = {
  uuid: { invalid: ['not-a-uuid', '123e4567-e89b-12d3-a456-42661417400'], boundary: [] },
  ipv4: { invalid: ['256.1.1.1', '1.2.3'], boundary: [] },
  ipv6: { invalid: ['1:::2', '1:2:3:4:5:6:7:8:9'], boundary: [] },
  cidr: {
    invalid: ['10.0.0.0/33', '::1/129', '1.2.3/8', '10.0.0.0'],
    // Whole spaces, host bits set, single hosts, and the documents' own "1.2.3.4/5".
    boundary: ['0.0.0.0/0', '10.0.0.1/32', '::/0', '::1/128', '1.2.3.4/5'],
  },
  byte: { invalid: ['not base64!', 'abc'], boundary: [] },
  uri: { invalid: ['not a uri', '/relative/path'], boundary: [] },
  hostname: { invalid: ['-bad-.example', 'bad_host.example'], boundary: [] },
  'date-time': { invalid: ['not-a-date-time', '2024-13-01T00:00:00Z', '2024-01-01T00:00:00'], boundary: [] },
  date: { invalid: ['not-a-date', '2024-02-30'], boundary: [] },
  time: { invalid: ['25:00:00Z'], boundary: [] },
  email: { invalid: ['not-an-email'], boundary: [] },
};
