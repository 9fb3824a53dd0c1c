// The CloudWatch counts AWS WAF publishes for one request it answered (namespace AWS/WAFV2, see
// src/domain/waf-metrics.ts for the documentation): the web ACL's total under Rule=ALL, and the
// terminating rule's own count (a rule group's rule also carries the RuleGroup dimension), each
// only where its visibility config enables CloudWatch metrics. CLOUDFRONT has no Region dimension.
import type { RuleGroup, VisibilityConfig, WebACL } from '@aws-sdk/client-wafv2';
import type { MetricDatum } from '../waf-emulator/cloudwatch.js';
import type { Verdict } from './web-acl-evaluation.js';

export interface MetricContext {
  readonly webAcl: WebACL;
  readonly ruleGroups: ReadonlyMap<string, RuleGroup>;
  readonly region: string;
  readonly cloudFront: boolean;
  readonly timestampMs: number;
}

const NAMESPACE = 'AWS/WAFV2';

function enabled(config: VisibilityConfig | undefined): string | undefined {
  return config?.CloudWatchMetricsEnabled ? config.MetricName : undefined;
}

export function requestMetrics(verdict: Verdict, context: MetricContext): MetricDatum[] {
  const metricName = verdict.action === 'BLOCK' ? 'BlockedRequests' : 'AllowedRequests';
  const webAcl = enabled(context.webAcl.VisibilityConfig);
  if (webAcl === undefined) return [];
  const region: Record<string, string> = context.cloudFront ? {} : { Region: context.region };
  const datum = (dimensions: Record<string, string>): MetricDatum => ({
    namespace: NAMESPACE,
    metricName,
    dimensions: { ...region, ...dimensions, WebACL: webAcl },
    region: context.region,
    timestampMs: context.timestampMs,
    value: 1,
  });
  const data = [datum({ Rule: 'ALL' })];
  const rule = terminatingRuleMetric(verdict.terminatingRule, context);
  if (rule) data.push(datum(rule));
  return data;
}

/** Dimensions of the rule that decided: `group/rule`, `acl/rule` or Default_Action. */
function terminatingRuleMetric(
  terminating: string,
  context: MetricContext,
): Record<string, string> | undefined {
  if (terminating === 'Default_Action') return { Rule: 'Default_Action' };
  const [owner, name] = terminating.split('/');
  if (owner === context.webAcl.Name) {
    const rule = context.webAcl.Rules?.find((r) => r.Name === name);
    const metric = enabled(rule?.VisibilityConfig);
    return metric === undefined ? undefined : { Rule: metric };
  }
  for (const group of context.ruleGroups.values()) {
    if (group.Name !== owner) continue;
    const groupMetric = enabled(group.VisibilityConfig);
    const metric = enabled(group.Rules?.find((r) => r.Name === name)?.VisibilityConfig);
    if (groupMetric === undefined || metric === undefined) return undefined;
    return { Rule: metric, RuleGroup: groupMetric };
  }
  return undefined;
}
