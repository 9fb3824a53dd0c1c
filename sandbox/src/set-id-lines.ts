// The `set-ids:` lines of a config entry, from the sets the emulator holds: what the Terraform
// module's config_entry output writes for an environment, for configs the sandbox and the bench
// write without Terraform.
import { BYPASS_SET_ROLE, SET_ROLES, setName } from '@maintenance-action/contract';
import type { WafEmulator, WafScope } from './waf-emulator/index.js';

export function setIdLines(
  emulator: WafEmulator,
  prefix: string,
  scope: WafScope,
  region: string,
): string[] {
  const ids = [
    ...SET_ROLES.map((role) => [role, emulator.getIpSet(setName(prefix, role), scope, region)?.id]),
    [
      BYPASS_SET_ROLE,
      emulator.getRegexPatternSet(setName(prefix, BYPASS_SET_ROLE), scope, region)?.id,
    ],
  ];
  return [
    '    set-ids:',
    ...ids.map(([role, id]) => {
      if (id === undefined) throw new Error(`no set ${prefix}-${role} in the emulator`);
      return `      ${role}: ${id}`;
    }),
  ];
}
