// List* pagination: pages of at most min(Limit, listPageSize) items, with an opaque
// NextMarker that resumes after the last item returned (stable when items are added or deleted).

/** Code-unit order, the order markers resume in (localeCompare would disagree with `>`). */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface Page<T> {
  items: T[];
  nextMarker?: string;
}

export function paginate<T>(
  sorted: readonly T[],
  keyOf: (item: T) => string,
  marker: string | undefined,
  limit: number,
): Page<T> {
  const after = marker === undefined ? undefined : Buffer.from(marker, 'base64url').toString();
  const remaining = after === undefined ? sorted : sorted.filter((item) => keyOf(item) > after);
  const items = remaining.slice(0, limit);
  const last = items[items.length - 1];
  if (remaining.length <= limit || last === undefined) return { items };
  return { items, nextMarker: Buffer.from(keyOf(last)).toString('base64url') };
}
