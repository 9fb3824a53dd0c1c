// The bypass token as WAF checks it (issue 9): the names a visitor's request carries it under,
// and the label the first rule of the group adds when it does. One place, so the module's rule
// group and page script, the action's probe and tester links, and the sandbox's edge agree.

/** Request header a pipeline's smoke tests send: `x-maintenance-bypass: <token>`. */
export const BYPASS_HEADER = 'x-maintenance-bypass';
/** Cookie the maintenance page's script stores the token in, for browsers. */
export const BYPASS_COOKIE = 'maintenance_bypass';
/** Query parameter of the tester link `https://site/any/page?maintenance-bypass=<token>`. */
export const BYPASS_QUERY_PARAMETER = 'maintenance-bypass';
/**
 * Label the bypass rule adds. WAF qualifies it with the rule group's namespace
 * (`awswaf:<account>:rulegroup:<N>-maintenance:maintenance:bypass`); a LabelMatchStatement in the
 * same group matches it by this local key.
 */
export const BYPASS_LABEL = 'maintenance:bypass';
