import fc from 'fast-check';

const EARLIEST = new Date('1970-01-01T00:00:00Z');
const LATEST = new Date('2099-12-31T23:59:59Z');

export function calendarDate(): fc.Arbitrary<Date> {
  return fc.date({ min: EARLIEST, max: LATEST, noInvalidDate: true });
}

/** A time-zone suffix of RFC 3339: `Z` or an offset `±hh:mm`. */
export function timeZoneOffset(): fc.Arbitrary<string> {
  const offset = fc
    .tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 30, 45))
    .map(([sign, hours, minutes]) => `${sign}${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`);
  return fc.oneof({ weight: 3, arbitrary: fc.constant('Z') }, { weight: 1, arbitrary: offset });
}

/** The `date-time` format (RFC 3339): `2024-05-01T12:30:00Z`, with or without fractional seconds. */
export function dateTimeText(): fc.Arbitrary<string> {
  return fc
    .tuple(calendarDate(), fc.boolean(), timeZoneOffset())
    .map(([date, withFraction, zone]) => `${date.toISOString().slice(0, withFraction ? 23 : 19)}${zone}`);
}

/** The `date` format: `2024-05-01`. */
export function dateText(): fc.Arbitrary<string> {
  return calendarDate().map((date) => date.toISOString().slice(0, 10));
}

/** The `time` format: `12:30:00Z`. */
export function timeText(): fc.Arbitrary<string> {
  return fc.tuple(calendarDate(), timeZoneOffset()).map(([date, zone]) => `${date.toISOString().slice(11, 19)}${zone}`);
}
