export { MaintenanceWaf } from './maintenance-waf.js';
export type { GithubAccessProps, MaintenanceWafProps, Switch } from './props.js';
export { synthesizeMaintenanceWaf, type TerraformJson } from './synthesize.js';
export { ACTION_PERMISSIONS, type ActionPermission } from './iam-permissions.js';
export { maintenanceRuleReference } from './maintenance-web-acl.js';
export { RULE_GROUP_CAPACITY, MAX_REACHABLE_PATH_PREFIXES, statementCapacity } from './capacity.js';
export {
  API_BODY_KEY,
  PAGE_BODY_KEY,
  DEFAULT_RETRY_AFTER_SECONDS,
  DEFAULT_STATUS_CODE,
  defaultApiBody,
  defaultMaintenancePage,
} from './responses.js';
export { fromTerraformLiteral } from './terraform-literal.js';
export type { Statement } from './rule-statements.js';
export {
  BYPASS_COOKIE,
  BYPASS_HEADER,
  BYPASS_LABEL,
  BYPASS_QUERY_PARAMETER,
} from '@maintenance-action/contract';
export { bypassLinkScript } from './bypass-link-script.js';
