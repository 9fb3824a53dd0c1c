// Resolving WAF resources by name through a paginated List* call: ListIPSets and
// ListRegexPatternSets answer the same summary shape.
import { explained } from './explained.js';

export interface ResourceHandle {
  readonly name: string;
  readonly id: string;
  readonly arn: string;
}

interface Summary {
  readonly Name?: string | undefined;
  readonly Id?: string | undefined;
  readonly ARN?: string | undefined;
}

export const LIST_PAGE_SIZE = 100;

/** Pages through `list` until every name in `names` is found (or the pages end). */
export async function findByName(
  names: readonly string[],
  list: (marker: string | undefined) => Promise<{
    readonly summaries: readonly Summary[] | undefined;
    readonly next: string | undefined;
  }>,
  describe: { readonly operation: string; readonly resource: string },
): Promise<Map<string, ResourceHandle>> {
  const found = new Map<string, ResourceHandle>();
  let marker: string | undefined;
  do {
    const page = await explained(describe.operation, describe.resource, list(marker));
    for (const s of page.summaries ?? []) {
      if (s.Name !== undefined && s.Id && s.ARN && names.includes(s.Name)) {
        found.set(s.Name, { name: s.Name, id: s.Id, arn: s.ARN });
      }
    }
    // Stop as soon as all are known: saves round trips in accounts with many sets.
    marker = found.size === names.length ? undefined : page.next;
  } while (marker);
  return found;
}
