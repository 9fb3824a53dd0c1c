// WAFv2 ARNs: arn:aws:wafv2:<region>:<account>:<regional|global>/<kind>/<name>/<id>.

import type { WafScope } from './types.js';

export type ResourceKind = 'ipset' | 'regexpatternset' | 'rulegroup' | 'webacl';

export interface ArnParts {
  region: string;
  account: string;
  scope: WafScope;
  kind: ResourceKind;
  name: string;
  id: string;
}

export function formatArn(p: ArnParts): string {
  const scope = p.scope === 'CLOUDFRONT' ? 'global' : 'regional';
  return `arn:aws:wafv2:${p.region}:${p.account}:${scope}/${p.kind}/${p.name}/${p.id}`;
}

const ARN_SHAPE =
  /^arn:aws:wafv2:([a-z0-9-]+):(\d{12}):(regional|global)\/(ipset|regexpatternset|rulegroup|webacl)\/([^/]+)\/([^/]+)$/;

export function parseArn(arn: string): ArnParts | undefined {
  const m = ARN_SHAPE.exec(arn);
  if (!m) return undefined;
  const [, region = '', account = '', scope, kind, name = '', id = ''] = m;
  return {
    region,
    account,
    scope: scope === 'global' ? 'CLOUDFRONT' : 'REGIONAL',
    kind: kind as ResourceKind,
    name,
    id,
  };
}
