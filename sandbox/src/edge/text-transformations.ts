// WAF applies a statement's text transformations to the inspected value before matching,
// lowest priority first.
import type { TextTransformation } from '@aws-sdk/client-wafv2';
import { UnsupportedWafFeature } from './unsupported.js';

const TRANSFORMS: Readonly<Record<string, (value: string) => string>> = {
  NONE: (value) => value,
  LOWERCASE: (value) => value.toLowerCase(),
  URL_DECODE: (value) => decodeURIComponentLoosely(value),
  COMPRESS_WHITE_SPACE: (value) => value.replace(/[\t\n\v\f\r ]+/g, ' '),
};

export function applyTextTransformations(
  value: string,
  transformations: readonly TextTransformation[] | undefined,
  where: string,
): string {
  const ordered = [...(transformations ?? [])].sort(
    (a, b) => (a.Priority ?? 0) - (b.Priority ?? 0),
  );
  return ordered.reduce((current, t) => {
    const transform = t.Type !== undefined ? TRANSFORMS[t.Type] : undefined;
    if (!transform) throw new UnsupportedWafFeature(where, `text transformation ${String(t.Type)}`);
    return transform(current);
  }, value);
}

/** URL_DECODE never fails on malformed escapes: those stay as they are. */
function decodeURIComponentLoosely(value: string): string {
  return value.replace(/(%[0-9a-fA-F]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}
