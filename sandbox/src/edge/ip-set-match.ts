// IPSetReferenceStatement: the client address is inside one of the set's CIDRs. An IPv4 set
// never matches an IPv6 client and vice versa, as in WAF.
import type { IPSetReferenceStatement } from '@aws-sdk/client-wafv2';
import ipaddr from 'ipaddr.js';
import { onlyKnownMembers, UnsupportedWafFeature } from './unsupported.js';

export interface IpSetContents {
  readonly addresses: readonly string[];
}

/** Current contents of the IP sets a web ACL references, by ARN. */
export type IpSetsByArn = ReadonlyMap<string, IpSetContents>;

export function matchesIpSet(
  statement: IPSetReferenceStatement,
  clientIp: string,
  ipSets: IpSetsByArn,
  where: string,
): boolean {
  onlyKnownMembers(statement, ['ARN'], where);
  const set = statement.ARN !== undefined ? ipSets.get(statement.ARN) : undefined;
  if (!set)
    throw new UnsupportedWafFeature(where, `IP set ${String(statement.ARN)} was not loaded`);
  const client = ipaddr.process(clientIp);
  return set.addresses.some((cidr) => {
    const [network, bits] = ipaddr.parseCIDR(cidr);
    return network.kind() === client.kind() && client.match(network, bits);
  });
}
