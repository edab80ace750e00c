// The time an element covers, for the time filter: a relationship's period as the server
// computed it (periodStart/periodEnd), an operation's from its own since/until. Dates are ISO
// at the precision the source gives; a partial date covers its whole period (2015 is
// 2015-01-01 to 2015-12-31). No DOM.

const start = (date: string) =>
  date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date;
// 31 for every month keeps string comparison right without calendar arithmetic.
const end = (date: string) =>
  date.length === 4 ? `${date}-12-31` : date.length === 7 ? `${date}-31` : date;
const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

/** The period a node or relationship covers, or undefined when it has no date. */
export function periodOf(
  data: Record<string, unknown>,
): { start: string; end: string } | undefined {
  const ps = text(data.periodStart);
  if (ps) return { start: ps, end: text(data.periodEnd) ?? '9999-12-31' };
  // Only relationships carry periodStart; of nodes, operations have since/until.
  if (typeof data.source === 'string') return undefined;
  const since = text(data.since);
  const until = text(data.until);
  if (!since && !until) return undefined;
  return { start: since ? start(since) : '0000-01-01', end: until ? end(until) : '9999-12-31' };
}

/** Whether a period lies wholly outside the window [since, until] (inclusive ISO days). */
export function outsideWindow(
  period: { start: string; end: string },
  since: string | undefined,
  until: string | undefined,
): boolean {
  return (
    (until !== undefined && period.start > until) || (since !== undefined && period.end < since)
  );
}
