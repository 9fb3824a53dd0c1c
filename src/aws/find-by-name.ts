// Resolving WAF sets by name through a paginated List* call: ListIPSets and ListRegexPatternSets
// answer the same summary shape, so one function pages through either.
import {
  ListIPSetsCommand,
  ListRegexPatternSetsCommand,
  type WAFV2Client,
} from '@aws-sdk/client-wafv2';
import type { SetIdRole } from '../domain/config-set-ids.js';
import { BYPASS, type Scope } from '../domain/types.js';
import { explained } from './explained.js';

/** A set as found: its id, and its ARN once a List or Get answer gave it. */
export interface ResourceHandle {
  readonly name: string;
  readonly id: string;
  readonly arn?: string;
}

export type SetKind = 'IP set' | 'regex pattern set';

/** Where sets are listed: each scope and region has its own. */
export interface SetPlace {
  readonly scope: Scope;
  readonly region: string;
}

export function kindOf(role: SetIdRole): SetKind {
  return role === BYPASS ? 'regex pattern set' : 'IP set';
}

interface Summary {
  readonly Name?: string | undefined;
  readonly Id?: string | undefined;
  readonly ARN?: string | undefined;
}

interface Page {
  readonly summaries: readonly Summary[] | undefined;
  readonly next: string | undefined;
}

export const LIST_PAGE_SIZE = 100;

type PageInput = { Scope: Scope; Limit: number; NextMarker: string | undefined };

const OPERATIONS: Record<SetKind, string> = {
  'IP set': 'ListIPSets',
  'regex pattern set': 'ListRegexPatternSets',
};

/** Each kind's List call; both answer summaries and a marker. */
const PAGES: Record<SetKind, (client: WAFV2Client, input: PageInput) => Promise<Page>> = {
  'IP set': async (client, input) => {
    const out = await client.send(new ListIPSetsCommand(input));
    return { summaries: out.IPSets, next: out.NextMarker };
  },
  'regex pattern set': async (client, input) => {
    const out = await client.send(new ListRegexPatternSetsCommand(input));
    return { summaries: out.RegexPatternSets, next: out.NextMarker };
  },
};

/** What a listing found: the wanted names' sets, and the names of the wanted ids' sets. */
export interface Listing {
  readonly byName: ReadonlyMap<string, ResourceHandle>;
  readonly nameOfId: ReadonlyMap<string, string>;
}

/**
 * Pages through the scope's sets of one kind until every name in `names` (and every id in
 * `ids`, when a configured id is to be told apart from a stale one) is found, or the pages end.
 */
export async function listSets(
  client: WAFV2Client,
  kind: SetKind,
  where: SetPlace,
  wanted: { readonly names: readonly string[]; readonly ids?: readonly string[] },
): Promise<Listing> {
  const ids = wanted.ids ?? [];
  const byName = new Map<string, ResourceHandle>();
  const nameOfId = new Map<string, string>();
  const resource = `${where.scope} ${kind}s in ${where.region}`;
  let marker: string | undefined;
  do {
    const input = { Scope: where.scope, Limit: LIST_PAGE_SIZE, NextMarker: marker };
    const page = await explained(OPERATIONS[kind], resource, PAGES[kind](client, input));
    for (const s of page.summaries ?? []) {
      if (s.Name === undefined || !s.Id || !s.ARN) continue;
      if (wanted.names.includes(s.Name)) byName.set(s.Name, { name: s.Name, id: s.Id, arn: s.ARN });
      if (ids.includes(s.Id)) nameOfId.set(s.Id, s.Name);
    }
    // Stop as soon as all are known: saves round trips in accounts with many sets.
    const done = byName.size === wanted.names.length && nameOfId.size === ids.length;
    marker = done ? undefined : page.next;
  } while (marker);
  return { byName, nameOfId };
}
