// The listings one command needs, shared by its environments: each kind of set is listed once
// per scope and region, for every name its environments find by name, however many there are.
// Sets with an id in the config (`set-ids`) are not listed at all.
import type { WAFV2Client } from '@aws-sdk/client-wafv2';
import { SET_ID_ROLES, type SetIdRole } from '../domain/config-set-ids.js';
import { errorMessage } from '../domain/error-message.js';
import { BYPASS, setName, type Environment, type Scope } from '../domain/types.js';
import { regionFor } from './client.js';
import { AwsActionError } from './errors.js';
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
  private readonly listings = new Map<string, Promise<Listing>>();

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
    let listing = this.listings.get(key);
    if (!listing) {
      listing = listSets(client, kind, place, { names: [...wanted] });
      this.listings.set(key, listing);
    }
    try {
      return await listing;
    } catch (error) {
      // Each environment gets its own error: front doors add to a message (the deadline's).
      throw new AwsActionError(errorMessage(error), { cause: error });
    }
  }
}

function keyOf(kind: SetKind, place: SetPlace): string {
  return `${kind} ${place.scope} ${place.region}`;
}
