// A tiny origin behind the edge: a shop page, a JSON API under /api/ and a status page. Every
// answer carries `x-served-by: origin`, so a test can tell the real site from the maintenance 503.
import { createServer } from 'node:http';
import { listenOnLoopback } from './edge/loopback.js';

export const ORIGIN_MARKER = { name: 'x-served-by', value: 'origin' } as const;
export const SHOP_TITLE = 'Acme Shop';
export const STATUS_TEXT = 'status: deploying a new release';

export interface Origin {
  readonly url: string;
  /** Paths requested so far, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

export async function startOrigin(options: { port?: number } = {}): Promise<Origin> {
  const requests: string[] = [];
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    requests.push(path);
    const send = (contentType: string, body: string) => {
      response.writeHead(200, {
        'content-type': contentType,
        [ORIGIN_MARKER.name]: ORIGIN_MARKER.value,
      });
      response.end(body);
    };
    if (path.startsWith('/api/'))
      send('application/json', JSON.stringify({ service: 'shop-api', path, orders: 3 }));
    else if (path.startsWith('/status')) send('text/plain', `${STATUS_TEXT}\n`);
    else
      send(
        'text/html',
        `<!doctype html><title>${SHOP_TITLE}</title><h1>${SHOP_TITLE}</h1><p>Today's deals.</p>\n`,
      );
  });
  const listening = await listenOnLoopback(server, options.port);
  return { url: listening.url, requests, close: listening.close };
}
