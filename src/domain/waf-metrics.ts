// Which CloudWatch series tell what a window cost, and how they are named. Pure.
//
// Names and dimensions come from the AWS WAF Developer Guide, "AWS WAF metrics and dimensions"
// (https://docs.aws.amazon.com/waf/latest/developerguide/waf-metrics.html):
// - namespace `AWS/WAFV2`, reported once a minute, statistic Sum; `AllowedRequests` and
//   `BlockedRequests` are only reported when nonzero, so a missing minute is a zero;
// - dimensions `Region` ("required for all protected resource types except for Amazon
//   CloudFront distributions": CLOUDFRONT series have no Region dimension and live in us-east-1),
//   `WebACL` (the metric name of the web ACL), `RuleGroup` (the metric name of the rule group)
//   and `Rule` (a rule's metric name, or `ALL` for every request the web ACL inspected);
// - a rule inside a rule group referenced by a web ACL reports under Region, Rule, RuleGroup and
//   WebACL (only Count rules of a rule group lack the WebACL dimension; ours Block).
// The metric names are the module's visibility_config names (terraform/src/maintenance-rule-group.ts):
// rule group `N-maintenance`, rules `N-page` and `N-api`; its web ACL is named and metered `N`.
import type { Environment } from './types.js';
import { DAY_MS } from './time.js';

export const WAF_NAMESPACE = 'AWS/WAFV2';

/** The four series: blocked by the page rule (browsers), by the API rule, and the web ACL's totals. */
export const SERIES = ['page', 'api', 'allowed', 'blocked'] as const;
export type Series = (typeof SERIES)[number];

export interface Dimension {
  readonly Name: string;
  readonly Value: string;
}

export interface MetricSpec {
  readonly metricName: 'AllowedRequests' | 'BlockedRequests';
  readonly dimensions: readonly Dimension[];
}

/** The WebACL dimension: the web ACL in the config, else the module's own web ACL `N`. */
export function webAclMetricName(environment: Environment): string {
  return environment.webAcl?.name ?? environment.name;
}

export function metricSpecs(environment: Environment): Record<Series, MetricSpec> {
  const region: Dimension[] =
    environment.scope === 'CLOUDFRONT' ? [] : [{ Name: 'Region', Value: environment.region }];
  const webAcl = { Name: 'WebACL', Value: webAclMetricName(environment) };
  const rule = (name: string): MetricSpec => ({
    metricName: 'BlockedRequests',
    dimensions: [
      ...region,
      { Name: 'Rule', Value: name },
      { Name: 'RuleGroup', Value: `${environment.name}-maintenance` },
      webAcl,
    ],
  });
  const all = (metricName: MetricSpec['metricName']): MetricSpec => ({
    metricName,
    dimensions: [...region, { Name: 'Rule', Value: 'ALL' }, webAcl],
  });
  return {
    page: rule(`${environment.name}-page`),
    api: rule(`${environment.name}-api`),
    allowed: all('AllowedRequests'),
    blocked: all('BlockedRequests'),
  };
}

/** One series as CloudWatch returned it: sums per period, by the period's start (ms). */
export type Points = ReadonlyMap<number, number>;

export function total(points: Points | undefined): number {
  let sum = 0;
  for (const value of points?.values() ?? []) sum += value;
  return sum;
}

/** A period (seconds) fine enough to show the span, with at most `maxPoints` per series. */
export function periodFor(spanMs: number, maxPoints: number): number {
  // CloudWatch keeps 1-minute sums 15 days, 5-minute sums 63 days, then hours.
  const ageLimits: readonly [number, number][] = [
    [60, 15 * DAY_MS],
    [300, 63 * DAY_MS],
  ];
  for (const [seconds, keptMs] of ageLimits) {
    if (spanMs <= keptMs && spanMs / (seconds * 1000) <= maxPoints) return seconds;
  }
  return 3600;
}

export function floorTo(ms: number, stepMs: number): number {
  return Math.floor(ms / stepMs) * stepMs;
}

export function ceilTo(ms: number, stepMs: number): number {
  return Math.ceil(ms / stepMs) * stepMs;
}
