import fc from 'fast-check';

/** An IPv4 CIDR in four-part decimal, host bits allowed (`10.0.0.1/8`), as the suite's `cidr` format reads it. */
export function ipv4Cidr(): fc.Arbitrary<string> {
  return fc.tuple(fc.ipV4(), fc.integer({ min: 0, max: 32 })).map(([address, prefix]) => `${address}/${prefix}`);
}

export function ipv6Cidr(): fc.Arbitrary<string> {
  return fc.tuple(fc.ipV6(), fc.integer({ min: 0, max: 128 })).map(([address, prefix]) => `${address}/${prefix}`);
}

/** The suite's `cidr` format: an IPv4 or IPv6 CIDR. */
export function cidrNotation(): fc.Arbitrary<string> {
  return fc.oneof({ weight: 3, arbitrary: ipv4Cidr() }, { weight: 1, arbitrary: ipv6Cidr() });
}
