// The config_entry output: the environment's entry for .github/maintenance.yml, ready to paste.
// Besides name, scope and region it carries what later commands need and would otherwise look up:
// the web ACL (name and id, when the module created it) and the ids of the sets (see the contract).

import { BYPASS_SET_ROLE, SET_ROLES, type Scope, type SetRole } from '@maintenance-action/contract';
import { Fn, Token } from 'cdktf';
import type { Switch } from './props.js';

export interface ConfigEntryInputs {
  readonly key: string;
  readonly name: string;
  readonly scope: Scope;
  readonly region: string;
  readonly setIds: Readonly<Record<SetRole, string>>;
  /** The bypass tokens' regex pattern set. */
  readonly bypassSetId: string;
  /** The created web ACL's id, or undefined when there is none. */
  readonly webAcl: { readonly create: Switch; readonly id: string | undefined };
}

export function configEntry(inputs: ConfigEntryInputs): string {
  const { create, id } = inputs.webAcl;
  const webAclLines = ['    web-acl:', `      name: ${inputs.name}`, `      id: ${id}`, ''].join(
    '\n',
  );
  let webAcl = '';
  if (id !== undefined && create === true) webAcl = webAclLines;
  else if (id !== undefined) webAcl = Token.asString(Fn.conditional(create, webAclLines, ''));
  return [
    'environments:',
    `  ${inputs.key}:`,
    `    name: ${inputs.name}`,
    `    scope: ${inputs.scope}`,
    `    region: ${inputs.region}`,
    `${webAcl}    set-ids:`,
    ...SET_ROLES.map((role) => `      ${role}: ${inputs.setIds[role]}`),
    `      ${BYPASS_SET_ROLE}: ${inputs.bypassSetId}`,
    '',
  ].join('\n');
}
