// WAF's rules for IP set addresses: CIDR notation of the set's family, prefix /1 and up
// (WAF rejects /0), no host bits set, and at most 10,000 per set.

import ipaddr from 'ipaddr.js';
import { INVALID_FORMAT, invalidParameter, limitsExceeded, type AwsError } from './aws-error.js';
import type { IpAddressVersion } from './types.js';

export const MAX_ADDRESSES_PER_SET = 10_000;

const CIDR_SHAPE = /^([^/\s]+)\/(0|[1-9]\d{0,2})$/;

/** The canonical form WAF stores, or undefined when WAF would reject the entry. */
function canonicalCidr(entry: string, version: IpAddressVersion): string | undefined {
  const match = CIDR_SHAPE.exec(entry);
  if (!match) return undefined;
  const [, address = '', prefixText = ''] = match;
  const prefix = Number(prefixText);
  if (version === 'IPV4') {
    if (!ipaddr.IPv4.isValidFourPartDecimal(address) || prefix < 1 || prefix > 32) return undefined;
    const network = ipaddr.IPv4.networkAddressFromCIDR(entry);
    return network.toString() === ipaddr.IPv4.parse(address).toString() ? entry : undefined;
  }
  // Zone ids (fe80::1%eth0) are not addresses WAF accepts.
  if (!ipaddr.IPv6.isValid(address) || address.includes('%') || prefix < 1 || prefix > 128)
    return undefined;
  const network = ipaddr.IPv6.networkAddressFromCIDR(entry);
  const parsed = ipaddr.IPv6.parse(address);
  if (network.toNormalizedString() !== parsed.toNormalizedString()) return undefined;
  return `${parsed.toRFC5952String()}/${prefix}`;
}

/** Checks every address; returns them in WAF's stored form or throws WAF's error for the first bad one. */
export function checkAddresses(addresses: readonly string[], version: IpAddressVersion): string[] {
  if (addresses.length > MAX_ADDRESSES_PER_SET)
    throw limitsExceeded(
      `(at most ${MAX_ADDRESSES_PER_SET} addresses per IP set, got ${addresses.length})`,
    );
  return addresses.map((entry) => {
    const canonical = canonicalCidr(entry, version);
    if (canonical === undefined) throw badAddress(entry);
    return canonical;
  });
}

const badAddress = (entry: string): AwsError =>
  invalidParameter('IP_ADDRESS', entry, INVALID_FORMAT);
