// Forwards an allowed request to the origin and streams the origin's answer back unchanged.
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';

/** Connection-level headers, which belong to one hop and are not forwarded. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'host',
]);

export function proxyToOrigin(
  origin: URL,
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  clientIp: string,
): Promise<void> {
  const headers = Object.fromEntries(
    Object.entries(incoming.headers).filter(([name]) => !HOP_BY_HOP.has(name)),
  );
  return new Promise((resolve, reject) => {
    const upstream = httpRequest(
      {
        host: origin.hostname,
        port: origin.port,
        method: incoming.method,
        path: incoming.url,
        headers: { ...headers, 'x-forwarded-for': clientIp, connection: 'close' },
      },
      (answer) => {
        const forwarded = Object.fromEntries(
          Object.entries(answer.headers).filter(([name]) => !HOP_BY_HOP.has(name)),
        );
        outgoing.writeHead(answer.statusCode ?? 502, forwarded);
        answer.pipe(outgoing);
        answer.on('end', resolve);
        answer.on('error', reject);
      },
    );
    upstream.on('error', reject);
    incoming.pipe(upstream);
  });
}
