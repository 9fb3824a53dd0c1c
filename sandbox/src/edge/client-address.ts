// The client address WAF inspects: the connection's peer, or, when the edge is started with a
// test header (sandbox, demo, tests), that header, so one machine can play many visitors.
import type { IncomingMessage } from 'node:http';
import ipaddr from 'ipaddr.js';

export class BadClientAddress extends Error {}

export function clientAddress(request: IncomingMessage, trustedHeader: string | undefined): string {
  const claimed =
    trustedHeader !== undefined ? request.headers[trustedHeader.toLowerCase()] : undefined;
  const raw = typeof claimed === 'string' ? claimed.trim() : request.socket.remoteAddress;
  if (raw === undefined || !ipaddr.isValid(raw))
    throw new BadClientAddress(
      `${trustedHeader ?? 'client address'}: not an IP address: ${JSON.stringify(raw)}`,
    );
  // IPv4-mapped IPv6 peers (::ffff:127.0.0.1) are IPv4 clients.
  return ipaddr.process(raw).toString();
}
