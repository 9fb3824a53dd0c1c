import type { IResolvable } from 'cdktf';
import type { Scope } from '@maintenance-action/contract';

/**
 * Whether to create an optional resource: a literal, or a Terraform boolean expression (such as a
 * variable), in which case the resource is declared with `count` and decided at plan time.
 */
export type Switch = boolean | IResolvable;

/** The IAM role the action assumes from GitHub Actions through OIDC. */
export interface GithubAccessProps {
  /** `OWNER/REPO` of the repository whose workflows switch this environment. */
  readonly repository: string;
  /**
   * GitHub environments a job must run in to assume the role, e.g. `['production',
   * 'production-schedule']`. The trust policy admits exactly `repo:OWNER/REPO:environment:ENV`
   * for each (StringEquals on `sub`), so protection rules on those environments (required
   * reviewers, branch restrictions) guard every switch. At most 10.
   */
  readonly environments: readonly string[];
  /**
   * ARN of the account's existing GitHub OIDC provider (`token.actions.githubusercontent.com`).
   * An account has at most one; omit it to create it here.
   */
  readonly oidcProviderArn?: string;
  /** Role name; default `N-maintenance-action` (IAM allows 64 characters). */
  readonly roleName?: string;
  /** Default: true. A Terraform expression makes the role (and provider) conditional. */
  readonly create?: Switch;
  /** Default: true exactly when `oidcProviderArn` is omitted. */
  readonly createOidcProvider?: Switch;
}

export interface MaintenanceWafProps {
  /**
   * Name prefix N: the sets are `N-active-ipv4` ... , the rule group `N-maintenance`, the web ACL
   * `N`. Letters, digits, `-` and `_`, at most 116 characters so every derived name fits WAF's 128.
   */
  readonly name: string;
  /** `REGIONAL` (ALB, API Gateway, AppSync, ...) or `CLOUDFRONT` (provider must be in us-east-1). */
  readonly scope: Scope;
  /** `Retry-After` header and the page's auto-refresh, in seconds. Default 300. */
  readonly retryAfterSeconds?: number;
  /** Status of both maintenance responses. Default 503. */
  readonly statusCode?: number;
  /**
   * HTML for browsers (Accept contains text/html). Default: a built-in accessible page. At most 4 KB.
   * Include `bypassLinkScript()` in your own page for tester links (`?maintenance-bypass=TOKEN`).
   */
  readonly maintenancePageHtml?: string;
  /** JSON for API clients. Default `{"error":"maintenance","retryAfter":<seconds>}`. At most 4 KB. */
  readonly apiResponseJson?: string;
  /**
   * URI path prefixes that stay reachable during maintenance (status page, page assets), e.g.
   * `/status`. Case-sensitive, matched with STARTS_WITH. At most 10.
   */
  readonly reachablePathPrefixes?: string[];
  /** Create the web ACL `N` (default action Allow, rule group first). Default true. */
  readonly createWebAcl?: Switch;
  /**
   * ARN of a regional resource to protect (ALB, API Gateway stage, ...). REGIONAL only: a
   * CloudFront distribution takes the web ACL in its own `web_acl_id`. Requires the web ACL.
   */
  readonly associatedResourceArn?: string;
  /** Create an IAM role for the action, assumable from one GitHub repository and environment. */
  readonly github?: GithubAccessProps;
  /** Key of the `environments:` entry in the config_entry output. Default: the first github environment, else N. */
  readonly configKey?: string;
  /** Tags for every taggable resource. */
  readonly tags?: { [key: string]: string };
  /** Prefix for the construct's output names, when one stack holds several environments. */
  readonly outputPrefix?: string;
}
