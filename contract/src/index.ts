// The naming contract between the action (src/), the Terraform module (terraform/) and the sandbox
// (sandbox/): what the module creates is found by the action under these names. Each package
// imports it by name (@maintenance-action/contract), so none reaches into another's sources.

export { SCOPES, CLOUDFRONT_REGION, type Scope } from './scopes.js';
export {
  SET_ROLES,
  BYPASS_SET_ROLE,
  SET_TARGETS,
  type SetRole,
  type SetTarget,
  type Family,
  setName,
  bypassSetName,
  familyOf,
} from './sets.js';
export {
  clipValue,
  formatProblem,
  InputError,
  MAX_CARRIED_VALUE,
  MAX_QUOTED_VALUE,
  type Problem,
} from './problem.js';
export { BYPASS_COOKIE, BYPASS_HEADER, BYPASS_LABEL, BYPASS_QUERY_PARAMETER } from './bypass.js';
export { MAINTENANCE_MARKER } from './maintenance-marker.js';
export { errorMessage } from './error-message.js';
