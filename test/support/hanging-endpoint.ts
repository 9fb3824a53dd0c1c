// WAF endpoints that accept connections and never answer, as a broken proxy or a black-holed VPC
// endpoint does: all requests, or only the UpdateIPSet calls for one set (the rest forwarded).
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HangingEndpoint {
  readonly url: string;
  close(): Promise<void>;
}

function listen(server: Server): Promise<HangingEndpoint> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/** Accepts every connection and request, and never answers. */
export function startHangingEndpoint(): Promise<HangingEndpoint> {
  return listen(createServer(() => undefined));
}

function body(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** Forwards to `target`, except UpdateIPSet on sets whose name ends with `setSuffix`: no answer. */
export function startHangingWrites(target: string, setSuffix: string): Promise<HangingEndpoint> {
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    void body(req).then((payload) => {
      const operation = String(req.headers['x-amz-target'] ?? '');
      const name = (JSON.parse(payload.toString() || '{}') as { Name?: string }).Name ?? '';
      if (operation.endsWith('.UpdateIPSet') && name.endsWith(setSuffix)) return;
      const forward = httpRequest(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: upstream.host },
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.end(payload);
    });
  });
  return listen(server);
}
