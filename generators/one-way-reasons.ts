/**
 * How a plan says why a requirement on the request is not sent both ways (a negative breaking it
 * alone, a valid case keeping it). Each reason starts with one of these, or names the fixture
 * that would make it testable ("…: set fixtures.<api>.<key>").
 */

/** Every request that breaks it breaks another requirement too: a refusal would prove nothing about it. */
export const NOT_SEPARABLE = 'no request breaks it alone';

/** Nothing a client can send breaks it (a path value is text whatever it holds). */
export const UNBREAKABLE = 'no request can break it';

/** The document gives a request breaking it no outcome (it does not say a server refuses one, or its own example breaks it): either answer conforms. */
export const NO_STATED_OUTCOME = 'no request breaks it with an outcome the document states';

/** The text by which a reason names the fixture that would make its requirement testable. */
export const FIXTURE_WANTED = /: set fixtures\.[a-z-]+\.[A-Za-z]+/;

/** Is this a reason the plan may give for sending a requirement one way only? */
export function isJustifiedOneWayReason(reason: string): boolean {
  return [NOT_SEPARABLE, UNBREAKABLE, NO_STATED_OUTCOME].some((prefix) => reason.startsWith(prefix)) || FIXTURE_WANTED.test(reason);
}
