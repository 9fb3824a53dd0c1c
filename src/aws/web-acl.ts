// Reads the web ACL that serves the site (GetWebACL, read-only) for the probe's sanity check.
import { GetWebACLCommand, type WAFV2Client, type WebACL } from '@aws-sdk/client-wafv2';
import type { Scope, WebAclRef } from '../domain/types.js';
import { explained } from './explained.js';

export async function readWebAcl(
  client: WAFV2Client,
  scope: Scope,
  webAcl: Required<WebAclRef>,
): Promise<WebACL> {
  const found = await explained(
    'GetWebACL',
    `web ACL ${webAcl.name} (${webAcl.id})`,
    client.send(new GetWebACLCommand({ Name: webAcl.name, Id: webAcl.id, Scope: scope })),
  );
  if (!found.WebACL) throw new Error(`GetWebACL ${webAcl.name} returned no web ACL`);
  return found.WebACL;
}
