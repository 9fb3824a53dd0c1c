// A local stand-in for https://checkip.amazonaws.com: answers every GET with the address it is
// told to, as plain text. Tests (and CI) point the action's `ip-echo-url` input at it.
//
//   npx tsx test/support/ip-echo.ts <port> <address>     # for CI: runs until killed
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';

export interface IpEcho {
  /** e.g. http://127.0.0.1:41234/ */
  readonly url: string;
  /** What the next requests get; change it to play a runner behind another NAT address. */
  answer: string;
  /** HTTP status to answer with (200 by default), to play an echo service that is down. */
  status: number;
  readonly requests: number;
  close(): Promise<void>;
}

export async function startIpEcho(answer: string, port = 0): Promise<IpEcho> {
  const echo: IpEcho = {
    url: '',
    answer,
    status: 200,
    requests: 0,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
  const server = createServer((_req, res) => {
    (echo as { requests: number }).requests++;
    res.writeHead(echo.status, { 'content-type': 'text/plain' });
    res.end(echo.status === 200 ? `${echo.answer}\n` : 'unavailable\n');
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  (echo as { url: string }).url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return echo;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [port = '4580', address = '203.0.113.77'] = process.argv.slice(2);
  const echo = await startIpEcho(address, Number(port));
  console.log(`IP echo on ${echo.url} answers ${address}`);
}
