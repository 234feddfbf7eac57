/**
 * Why a planned case was not sent: the keys of a results file's `notSent` counts (and of the
 * reports' "planned, not sent"). A merge reads them back, so they are data, not wording.
 */
export const LEFT_BY_SHARD = 'another shard';
export const LEFT_BY_NEGATIVE_ONLY = '--negative-only (it would create a resource)';
export const LEFT_BY_MAX_CREATES = '--max-creates reached';
export const LEFT_BY_FILTER = 'not selected (--include/--exclude)';
export const LEFT_BY_REPLAY = 'not replayed';
