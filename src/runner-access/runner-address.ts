// The runner's public address, as a web service that echoes the caller's IP sees it (the
// address WAF will see). Runs before any write: a failure here changes nothing.
import { parseCidr } from '../domain/cidr.js';
import { InputError } from '../domain/errors.js';
import type { Family } from '../domain/types.js';

export const DEFAULT_IP_ECHO_URL = 'https://checkip.amazonaws.com';
const TIMEOUT_MS = 10_000;
/** One retry: a hosted runner's first request sometimes meets a cold DNS or NAT path. */
const ATTEMPTS = 2;
const FIELD = 'input "ip-echo-url"';

export interface RunnerAddress {
  /** `/32` or `/128` of the echoed address, canonical. */
  readonly cidr: string;
  readonly family: Family;
}

export async function discoverRunnerAddress(url: string): Promise<RunnerAddress> {
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    throw new InputError({ field: FIELD, message: 'must be an http(s) URL', value: url });
  }
  const body = await fetchText(url);
  const text = body.trim();
  const parsed = text.includes('/') ? undefined : parseCidr(text);
  if (!parsed?.ok) {
    throw new InputError({
      field: FIELD,
      message: `answered with something that is not an IP address: ${JSON.stringify(text.slice(0, 80))}; the service must return the caller's address as plain text`,
      value: url,
    });
  }
  return { cidr: parsed.cidr, family: parsed.family };
}

async function fetchText(url: string): Promise<string> {
  let failure = '';
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
      if (response.ok) return await response.text();
      failure = `HTTP ${response.status} ${response.statusText}`;
      if (response.status < 500) break;
    } catch (error) {
      const cause = (error as { cause?: { message?: string } }).cause?.message;
      failure = `${error instanceof Error ? error.message : String(error)}${cause ? ` (${cause})` : ''}`;
    }
  }
  throw new InputError({
    field: FIELD,
    message: `could not be read to find this runner's public address: ${failure}. Check the URL, or that the runner can reach it`,
    value: url,
  });
}
