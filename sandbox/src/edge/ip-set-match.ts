// IPSetReferenceStatement: the client address is inside one of the set's CIDRs. An IPv4 set
// never matches an IPv6 client and vice versa, as in WAF.
import type { IPSetReferenceStatement } from '@aws-sdk/client-wafv2';
import ipaddr from 'ipaddr.js';
import { referencedSet, type IpSetsByArn } from './referenced-set.js';
import { onlyKnownMembers } from './unsupported.js';

export function matchesIpSet(
  statement: IPSetReferenceStatement,
  clientIp: string,
  ipSets: IpSetsByArn,
  where: string,
): boolean {
  onlyKnownMembers(statement, ['ARN'], where);
  const set = referencedSet(ipSets, statement.ARN, 'IP set', where);
  const client = ipaddr.process(clientIp);
  return set.addresses.some((cidr) => {
    const [network, bits] = ipaddr.parseCIDR(cidr);
    return network.kind() === client.kind() && client.match(network, bits);
  });
}
