// Listening on 127.0.0.1 and closing for good: the edge and the origin are servers a test or the
// demo starts and must be able to stop without waiting for keep-alive connections to idle out.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Listening {
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  readonly close: () => Promise<void>;
}

/** Listens on `port` (0: a free one) and returns the URL and a close that drops open connections. */
export async function listenOnLoopback(server: Server, port = 0): Promise<Listening> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}
