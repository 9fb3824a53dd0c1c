// The rule group `N-maintenance`: the whole maintenance policy, never changed at run time.

import { Wafv2RuleGroup } from '@cdktf/provider-aws/lib/wafv2-rule-group/index.js';
import type { Precondition } from 'cdktf';
import type { Construct } from 'constructs';
import { RULE_GROUP_CAPACITY } from './capacity.js';
import { API_BODY_KEY, PAGE_BODY_KEY, responseHeaders } from './responses.js';
import { BYPASS_LABEL } from '@maintenance-action/contract';
import {
  apiRuleStatement,
  carriesBypassToken,
  pageRuleStatement,
  type StatementInputs,
} from './rule-statements.js';

export interface RuleGroupInputs extends StatementInputs {
  readonly name: string;
  readonly scope: string;
  readonly retryAfterSeconds: number;
  readonly statusCode: number;
  readonly apiBody: string;
  readonly pageBody: string;
  readonly tags: { [key: string]: string } | undefined;
  readonly preconditions: Precondition[];
}

/** CloudWatch metrics and sampled requests on, so a window shows up in the WAF console. */
export function visibility(metricName: string) {
  return { cloudwatchMetricsEnabled: true, metricName, sampledRequestsEnabled: true };
}

function blockWith(bodyKey: string, inputs: RuleGroupInputs) {
  return {
    block: {
      customResponse: {
        responseCode: inputs.statusCode,
        customResponseBodyKey: bodyKey,
        responseHeader: responseHeaders(inputs.retryAfterSeconds),
      },
    },
  };
}

export function declareRuleGroup(scope: Construct, inputs: RuleGroupInputs): Wafv2RuleGroup {
  return new Wafv2RuleGroup(scope, 'rule-group', {
    name: `${inputs.name}-maintenance`,
    description:
      'maintenance-action: blocks visitors while the active sets are full, 503 JSON for APIs and a 503 page for browsers, except allowlisted addresses and bypass tokens',
    scope: inputs.scope,
    capacity: RULE_GROUP_CAPACITY,
    customResponseBody: [
      { key: API_BODY_KEY, contentType: 'APPLICATION_JSON', content: inputs.apiBody },
      { key: PAGE_BODY_KEY, contentType: 'TEXT_HTML', content: inputs.pageBody },
    ],
    rule: [
      {
        // Count + label: a request with a valid token goes on to the blocking rules labelled,
        // and they skip it (NOT label). Count never ends evaluation, so this rule alone lets
        // nobody through and blocks nobody.
        name: `${inputs.name}-bypass`,
        priority: 0,
        action: { count: {} },
        statement: carriesBypassToken(inputs.bypassSetArn),
        ruleLabel: [{ name: BYPASS_LABEL }],
        visibilityConfig: visibility(`${inputs.name}-bypass`),
      },
      {
        name: `${inputs.name}-api`,
        priority: 1,
        action: blockWith(API_BODY_KEY, inputs),
        statement: apiRuleStatement(inputs),
        visibilityConfig: visibility(`${inputs.name}-api`),
      },
      {
        name: `${inputs.name}-page`,
        priority: 2,
        action: blockWith(PAGE_BODY_KEY, inputs),
        statement: pageRuleStatement(inputs),
        visibilityConfig: visibility(`${inputs.name}-page`),
      },
    ],
    visibilityConfig: visibility(`${inputs.name}-maintenance`),
    ...(inputs.tags !== undefined ? { tags: inputs.tags } : {}),
    ...(inputs.preconditions.length > 0
      ? { lifecycle: { precondition: inputs.preconditions } }
      : {}),
  });
}
