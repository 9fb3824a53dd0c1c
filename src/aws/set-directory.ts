// The listings one command needs, shared by its environments: each kind of set is listed once
// per scope and region, for every name its environments find by name, however many there are.
// Sets with an id in the config (`set-ids`) are not listed at all.
import type { WAFV2Client } from '@aws-sdk/client-wafv2';
import { SET_ID_ROLES, type SetIdRole } from '../domain/config-set-ids.js';
import { BYPASS, setName, type Environment, type Scope } from '../domain/types.js';
import { regionFor } from './client.js';
import { listSets, type Listing, type SetKind } from './find-by-name.js';

export function kindOf(role: SetIdRole): SetKind {
  return role === BYPASS ? 'regex pattern set' : 'IP set';
}

export interface SetPlace {
  readonly scope: Scope;
  readonly region: string;
}

export class SetDirectory {
  /** Names to find, by kind, scope and region. */
  private readonly wanted = new Map<string, Set<string>>();
  /** The shared listings, with the client that makes each (the first environment to ask). */
  private readonly listings = new Map<string, { listing: Promise<Listing>; client: WAFV2Client }>();

  /** `environments`: every environment of the command (their names are listed together). */
  constructor(environments: readonly Environment[]) {
    for (const environment of environments) {
      const place = { scope: environment.scope, region: regionFor(environment) };
      for (const role of SET_ID_ROLES) {
        if (environment.setIds?.[role]) continue;
        const key = keyOf(kindOf(role), place);
        const names = this.wanted.get(key) ?? new Set<string>();
        names.add(setName(environment.name, role));
        this.wanted.set(key, names);
      }
    }
  }

  /** A listing that holds `names`: the shared one when they were announced, else one of their own. */
  async list(
    client: WAFV2Client,
    kind: SetKind,
    place: SetPlace,
    names: readonly string[],
  ): Promise<Listing> {
    const key = keyOf(kind, place);
    const wanted = this.wanted.get(key);
    if (!wanted || !names.every((name) => wanted.has(name))) {
      return listSets(client, kind, place, { names });
    }
    let shared = this.listings.get(key);
    if (!shared) {
      shared = { listing: listSets(client, kind, place, { names: [...wanted] }), client };
      this.listings.set(key, shared);
    }
    try {
      return await shared.listing;
    } catch (error) {
      if (shared.client === client) throw error;
      // It failed on another environment's client (its deadline, say): each environment's
      // failure must be its own, so this one lists with its own client.
      return listSets(client, kind, place, { names });
    }
  }
}

function keyOf(kind: SetKind, place: SetPlace): string {
  return `${kind} ${place.scope} ${place.region}`;
}
