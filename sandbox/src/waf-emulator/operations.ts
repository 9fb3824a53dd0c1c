// The operations the emulator speaks, and the resource each call acts on (for IAM-style denials).

import { formatArn, type ResourceKind } from './arn.js';
import type { OperationHandler } from './context.js';
import { associationOperations } from './associations.js';
import { documentOperations } from './documents.js';
import type { Input } from './input.js';
import { IP_SET } from './ip-sets.js';
import { REGEX_PATTERN_SET } from './regex-pattern-sets.js';
import { setOperations, type BeforeUpdate } from './set-operations.js';
import { tagOperations } from './tags.js';

/** `beforeUpdate` runs before an UpdateIPSet is applied: where tests race another writer in. */
export function operationTable(
  beforeUpdate: BeforeUpdate<'ipset'>,
): Record<string, OperationHandler> {
  return {
    ...setOperations(IP_SET, beforeUpdate),
    ...setOperations(REGEX_PATTERN_SET),
    ...documentOperations,
    ...tagOperations,
    ...associationOperations,
  };
}

const KIND_BY_NOUN: Record<string, ResourceKind> = {
  IPSet: 'ipset',
  RegexPatternSet: 'regexpatternset',
  RuleGroup: 'rulegroup',
  WebACL: 'webacl',
};

/**
 * The ARN IAM would evaluate: the named resource, or a wildcard for List and Create
 * (`.../regional/ipset/*\/*`), as in AWS's own AccessDenied messages.
 */
export function resourceArnOf(
  operation: string,
  input: Input,
  region: string,
  account: string,
): string {
  const given = input['ResourceARN'] ?? input['ARN'];
  if (typeof given === 'string') return given;
  const noun = /(IPSet|RegexPatternSet|RuleGroup|WebACL)s?$/.exec(operation)?.[1] ?? '';
  const text = (member: string): string => {
    const value = input[member];
    return typeof value === 'string' ? value : '*';
  };
  return formatArn({
    region,
    account,
    scope: input['Scope'] === 'CLOUDFRONT' ? 'CLOUDFRONT' : 'REGIONAL',
    kind: KIND_BY_NOUN[noun] ?? 'ipset',
    name: text('Name'),
    id: text('Id'),
  });
}
