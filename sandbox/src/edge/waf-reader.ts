// Reads what WAF evaluates, through the SDK, as WAF reads its own resources: the web ACL and rule
// groups once (Terraform owns them; they never change at run time), the IP sets' and regex
// pattern sets' contents on every request (the action switches the former and writes bypass
// tokens into the latter).
import {
  GetIPSetCommand,
  GetRegexPatternSetCommand,
  GetRuleGroupCommand,
  GetWebACLCommand,
  type RuleGroup,
  type WAFV2Client,
  type WebACL,
} from '@aws-sdk/client-wafv2';
import { parseArn } from '../waf-emulator/arn.js';
import { Propagation } from './propagation.js';
import type { IpSetContents, RegexSetContents } from './referenced-set.js';

export interface WafSnapshot {
  readonly webAcl: WebACL;
  readonly ruleGroups: ReadonlyMap<string, RuleGroup>;
  readonly ipSets: ReadonlyMap<string, IpSetContents>;
  readonly regexSets: ReadonlyMap<string, RegexSetContents>;
}

/** What the edge stands for: the module's web ACL, or a customer's web ACL that references only the rule group. */
export type ProtectedBy = { readonly webAclArn: string } | { readonly ruleGroupArn: string };

interface Policy {
  readonly webAcl: WebACL;
  readonly ruleGroups: ReadonlyMap<string, RuleGroup>;
  readonly ipSetArns: readonly string[];
  readonly regexSetArns: readonly string[];
}

export class WafReader {
  private policy: Promise<Policy> | undefined;

  constructor(
    private readonly client: WAFV2Client,
    private protectedBy: ProtectedBy,
    /** What visitors get from a set that just changed (the propagation delay). */
    private readonly propagation: Propagation = new Propagation(0),
  ) {}

  /** Stand for another web ACL from the next request on (a misconfiguration, in tests). */
  serve(protectedBy: ProtectedBy): void {
    this.protectedBy = protectedBy;
    this.policy = undefined;
  }

  async snapshot(): Promise<WafSnapshot> {
    this.policy ??= this.loadPolicy();
    const policy = await this.policy.catch((error: unknown) => {
      this.policy = undefined; // a failed load is retried on the next request
      throw error;
    });
    const [ipSets, regexSets] = await Promise.all([
      Promise.all(policy.ipSetArns.map((arn) => this.ipSet(arn))),
      Promise.all(policy.regexSetArns.map((arn) => this.regexSet(arn))),
    ]);
    // What visitors get: each set as it was before its latest change had time to propagate.
    const visible = <T>(arn: string, contents: T): [string, T] => [
      arn,
      this.propagation.through(arn, contents),
    ];
    return {
      webAcl: policy.webAcl,
      ruleGroups: policy.ruleGroups,
      ipSets: new Map(policy.ipSetArns.map((arn, i) => visible(arn, ipSets[i]!))),
      regexSets: new Map(policy.regexSetArns.map((arn, i) => visible(arn, regexSets[i]!))),
    };
  }

  private async loadPolicy(): Promise<Policy> {
    const webAcl =
      'webAclArn' in this.protectedBy
        ? await this.webAcl(this.protectedBy.webAclArn)
        : referencingWebAcl(this.protectedBy.ruleGroupArn);
    const groupArns = referencedArns(webAcl, 'RuleGroupReferenceStatement');
    const groups = await Promise.all(groupArns.map((arn) => this.ruleGroup(arn)));
    const ruleGroups = new Map(groupArns.map((arn, i) => [arn, groups[i]!]));
    const documents = [webAcl, ...groups];
    const ipSetArns = [...new Set(referencedArns(documents, 'IPSetReferenceStatement'))];
    const regexSetArns = [
      ...new Set(referencedArns(documents, 'RegexPatternSetReferenceStatement')),
    ];
    return { webAcl, ruleGroups, ipSetArns, regexSetArns };
  }

  private async webAcl(arn: string): Promise<WebACL> {
    const { WebACL: found } = await this.client.send(new GetWebACLCommand(identity(arn)));
    if (!found) throw new Error(`GetWebACL ${arn} returned no web ACL`);
    return found;
  }

  private async ruleGroup(arn: string): Promise<RuleGroup> {
    const { RuleGroup: found } = await this.client.send(new GetRuleGroupCommand(identity(arn)));
    if (!found) throw new Error(`GetRuleGroup ${arn} returned no rule group`);
    return found;
  }

  private async ipSet(arn: string): Promise<IpSetContents> {
    const { IPSet: found } = await this.client.send(new GetIPSetCommand(identity(arn)));
    if (!found) throw new Error(`GetIPSet ${arn} returned no IP set`);
    return { addresses: found.Addresses ?? [] };
  }

  private async regexSet(arn: string): Promise<RegexSetContents> {
    const { RegexPatternSet: found } = await this.client.send(
      new GetRegexPatternSetCommand(identity(arn)),
    );
    if (!found) throw new Error(`GetRegexPatternSet ${arn} returned no regex pattern set`);
    const expressions = found.RegularExpressionList ?? [];
    return { regularExpressions: expressions.map((r) => r.RegexString ?? '') };
  }
}

/** Name, Scope and Id, which Get* calls take, from an ARN. */
function identity(arn: string) {
  const parts = parseArn(arn);
  if (!parts) throw new Error(`not a WAFv2 ARN: ${arn}`);
  return { Name: parts.name, Scope: parts.scope, Id: parts.id };
}

/** A customer's web ACL: default Allow, the rule group referenced first, as the module's README says to do. */
function referencingWebAcl(ruleGroupArn: string): WebACL {
  const visibility = {
    SampledRequestsEnabled: false,
    CloudWatchMetricsEnabled: false,
    MetricName: 'customer',
  };
  const account = parseArn(ruleGroupArn)?.account ?? '000000000000';
  return {
    Name: 'customer-web-acl',
    Id: 'customer-web-acl',
    ARN: 'customer-web-acl',
    LabelNamespace: `awswaf:${account}:webacl:customer-web-acl:`,
    VisibilityConfig: visibility,
    DefaultAction: { Allow: {} },
    Rules: [
      {
        Name: 'maintenance',
        Priority: 0,
        Statement: { RuleGroupReferenceStatement: { ARN: ruleGroupArn } },
        OverrideAction: { None: {} },
        VisibilityConfig: visibility,
      },
    ],
  };
}

/** ARNs under every `<key>.ARN` in a document, in document order. */
function referencedArns(node: unknown, key: string): string[] {
  if (Array.isArray(node)) return node.flatMap((item) => referencedArns(item, key));
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([member, value]) => {
    const arn = member === key ? (value as { ARN?: unknown }).ARN : undefined;
    return [...(typeof arn === 'string' ? [arn] : []), ...referencedArns(value, key)];
  });
}
