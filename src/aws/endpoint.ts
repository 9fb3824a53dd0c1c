// Which WAF endpoint a command talks to, for messages ("did not answer within 60 s") and to catch
// a malformed override before the SDK turns it into a bare "Invalid URL".
import { InputError } from '../domain/errors.js';

/** The SDK's own override variables, most specific first (it honours them itself). */
const ENDPOINT_VARIABLES = ['AWS_ENDPOINT_URL_WAFV2', 'AWS_ENDPOINT_URL'] as const;

export interface WafEndpoint {
  readonly url: string;
  /** The variable the URL came from; undefined for the region's default endpoint. */
  readonly variable?: string;
}

/**
 * The endpoint the SDK will call for `region`. Throws InputError naming the variable when an
 * override is not an absolute http(s) URL (e.g. `127.0.0.1:4566` without `http://`).
 */
export function wafEndpoint(region: string, env: NodeJS.ProcessEnv = process.env): WafEndpoint {
  for (const variable of ENDPOINT_VARIABLES) {
    const value = env[variable];
    if (value === undefined || value === '') continue;
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) {
      throw new InputError({
        field: `environment variable ${variable}`,
        message: `must be an absolute URL with its scheme, e.g. http://${value.replace(/^[a-z]+:\/\//i, '') || '127.0.0.1:4566'} (it overrides the WAF endpoint)`,
        value,
      });
    }
    return { url: value, variable };
  }
  return { url: `https://wafv2.${region}.amazonaws.com` };
}
