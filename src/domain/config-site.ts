// The parts of an environment that describe the site rather than its IP sets: `url:`, `probe:`
// and `web-acl:`. The schema checks their shape; this checks what it cannot (a URL that parses,
// no credentials in it, a probe needs a url) and attributes each problem to its environment.
import type { FieldPath } from './config-source.js';
import type { Environment, ProbeSettings, WebAclRef } from './types.js';

export const DEFAULT_PROBE_PATHS: readonly string[] = ['/'];

type Report = (path: FieldPath, message: string, value?: unknown) => void;
type SiteFields = Pick<Environment, 'url' | 'probe' | 'webAcl'>;

function field(entry: unknown, key: string): unknown {
  return typeof entry === 'object' && entry !== null
    ? (entry as Record<string, unknown>)[key]
    : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The site fields of `environments.<key>` (already checked by the schema), and their problems. */
export function siteFields(entry: unknown, key: string, report: Report): SiteFields {
  const at: FieldPath = ['environments', key];
  const url = checkUrl(text(field(entry, 'url')), [...at, 'url'], report);
  const rawProbe = field(entry, 'probe');
  if (rawProbe !== undefined && url === undefined && field(entry, 'url') === undefined) {
    report([...at, 'probe'], "needs 'url': the probe visits these paths on the site's address");
  }
  const probe = url === undefined ? undefined : probeSettings(rawProbe);
  const webAcl = webAclRef(field(entry, 'web-acl'));
  return {
    ...(url !== undefined ? { url } : {}),
    ...(probe !== undefined ? { probe } : {}),
    ...(webAcl !== undefined ? { webAcl } : {}),
  };
}

/** The URL as `URL` writes it (lower-case scheme and host), or undefined with a problem. */
function checkUrl(raw: string | undefined, path: FieldPath, report: Report): string | undefined {
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    report(path, 'is not a URL; write it as https://host[:port][/path]', raw);
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined; // the schema says so
  if (url.username !== '' || url.password !== '') {
    report(path, 'must not contain a user name or password: it is printed in every summary', raw);
    return undefined;
  }
  url.hash = '';
  return url.href;
}

function probeSettings(raw: unknown): ProbeSettings {
  const paths = field(raw, 'paths');
  const listed = Array.isArray(paths)
    ? paths.filter((p): p is string => typeof p === 'string')
    : [];
  const apiPath = text(field(raw, 'api-path'));
  return {
    paths: listed.length > 0 ? listed : DEFAULT_PROBE_PATHS,
    ...(apiPath !== undefined ? { apiPath } : {}),
  };
}

function webAclRef(raw: unknown): WebAclRef | undefined {
  const name = text(field(raw, 'name'));
  if (name === undefined) return undefined;
  const id = text(field(raw, 'id'));
  return { name, ...(id !== undefined ? { id } : {}) };
}
