// `environments.<key>.set-ids`: the WAF ids of the environment's sets, as the Terraform module's
// `config_entry` output writes them. With an id a command reads its set directly (GetIPSet by id)
// instead of finding it by name first (ListIPSets): one sequential round trip fewer. Partial
// `set-ids` are fine: the roles without an id are found by name, as without `set-ids`.
import type { FieldPath } from './config-source.js';
import type { Problem } from './errors.js';
import { BYPASS, SET_ROLES, type SetRole } from './types.js';

/** The five sets an environment switches: four IP sets and the bypass tokens' regex pattern set. */
export type SetIdRole = SetRole | typeof BYPASS;
export const SET_ID_ROLES: readonly SetIdRole[] = [...SET_ROLES, BYPASS];

/** As the schema's `$defs/wafId` (a unit test keeps them equal). */
export const WAF_ID = /^[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/;

/** One configured id and where it is written, so a message about it can name file, line and field. */
export interface ConfiguredSetId {
  readonly id: string;
  readonly place: Required<Pick<Problem, 'file' | 'line' | 'column' | 'field'>>;
}

export type SetIds = Partial<Readonly<Record<SetIdRole, ConfiguredSetId>>>;

/**
 * The well-formed ids under `set-ids`. A malformed one is the schema's problem and is left out:
 * its set is then found by name, as if it were not there.
 */
export function readSetIds(
  raw: unknown,
  key: string,
  place: (path: FieldPath) => ConfiguredSetId['place'],
): SetIds | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const entries = raw as Record<string, unknown>;
  const ids: Partial<Record<SetIdRole, ConfiguredSetId>> = {};
  for (const role of SET_ID_ROLES) {
    const id = entries[role];
    if (typeof id === 'string' && WAF_ID.test(id)) {
      ids[role] = { id, place: place(['environments', key, 'set-ids', role]) };
    }
  }
  return Object.keys(ids).length > 0 ? ids : undefined;
}
