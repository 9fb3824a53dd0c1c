// One visit of one probe URL, as an ordinary visitor would make it, with Node's own fetch: a
// per-request timeout, a User-Agent that says what it is, and a bounded body read.
import { errorMessage } from '../domain/error-message.js';
import { MAINTENANCE_MARKER, type ProbeTarget, type Seen } from '../domain/probe.js';

/** The maintenance JSON is a few hundred bytes; a site's page may be large and is not needed whole. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * The probe says what it is and where to read about it. No version: dist/ is committed and
 * rebuilt in CI, so a version here would make every release's version bump a dist/ change that
 * release-please's pull request cannot make. The address is rendered from package.json
 * `repository` by `npm run generate` (scripts/generate/repository.ts), like the docs'.
 */
export const USER_AGENT = 'maintenance-action-probe (+https://github.com/org/maintenance-action)';

export async function visit(target: ProbeTarget, timeoutMs: number): Promise<Seen> {
  try {
    const response = await fetch(target.url, {
      headers: { ...target.headers, 'user-agent': USER_AGENT },
      redirect: 'follow',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const contentType = response.headers.get('content-type') ?? undefined;
    const body = await readBounded(response, MAX_BODY_BYTES);
    return {
      status: response.status,
      marker:
        response.headers.get(MAINTENANCE_MARKER.name)?.trim().toLowerCase() ===
        MAINTENANCE_MARKER.value,
      ...(contentType !== undefined ? { contentType } : {}),
      json: isJson(body),
    };
  } catch (error) {
    return { marker: false, error: failure(error, timeoutMs) };
  }
}

/** The body up to `limit` bytes; the rest is cancelled, not downloaded. */
async function readBounded(response: Response, limit: number): Promise<string | undefined> {
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  // Leaving the loop early cancels the stream: the rest is never downloaded.
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    chunks.push(chunk);
    size += chunk.byteLength;
    if (size > limit) return undefined; // too long to be the maintenance JSON
  }
  return Buffer.concat(chunks).toString('utf8');
}

function isJson(body: string | undefined): boolean {
  if (body === undefined || body.trim() === '') return false;
  try {
    JSON.parse(body);
    return true;
  } catch {
    return false;
  }
}

/** `timed out after 10 s`, `connection refused (ECONNREFUSED)`, or fetch's own words. */
function failure(error: unknown, timeoutMs: number): string {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return `no answer within ${Math.round(timeoutMs / 100) / 10} s`;
  }
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (typeof cause?.code === 'string') return `${errorMessage(cause)} (${cause.code})`;
  return errorMessage(error);
}
