// Model-level checks (required members, lengths, patterns, enums, ranges). AWS rejects these
// before looking at anything else, with one ValidationException listing every violation:
// "1 validation error detected: Value 'x y' at 'name' failed to satisfy constraint: ...".

import { AwsError } from './aws-error.js';

export type Input = Record<string, unknown>;

interface StringRule {
  min?: number;
  max?: number;
  pattern?: RegExp;
}

export const NAME_RULE: StringRule = { min: 1, max: 128, pattern: /^[\w-]+$/ };
export const DESCRIPTION_RULE: StringRule = {
  min: 1,
  max: 256,
  pattern: /^[\w+=:#@/\-,.][\w+=:#@/\-,.\s]+[\w+=:#@/\-,.]$/,
};
export const ID_RULE: StringRule = {
  min: 1,
  max: 36,
  pattern: /^[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/,
};
export const MARKER_RULE: StringRule = { min: 1, max: 256, pattern: /^.*\S.*$/ };
export const ARN_RULE: StringRule = { min: 20, max: 2048, pattern: /^.*\S.*$/ };
export const TAG_KEY_RULE: StringRule = {
  min: 1,
  max: 128,
  pattern: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u,
};
export const TAG_VALUE_RULE: StringRule = {
  min: 0,
  max: 256,
  pattern: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u,
};
export const ADDRESS_RULE: StringRule = { min: 1, max: 50, pattern: /^.*\S.*$/ };

/** AWS names members in lower camel case in these messages: `lockToken`, `iPAddressVersion`. */
function memberPath(member: string): string {
  return member.charAt(0).toLowerCase() + member.slice(1);
}

// Values come from parsed JSON: anything but a string prints as JSON (never [object Object]).
const quote = (value: unknown): string =>
  value === undefined || value === null
    ? 'null'
    : `'${typeof value === 'string' ? value : JSON.stringify(value)}'`;

export class InputChecks {
  private readonly violations: string[] = [];

  constructor(private readonly input: Input) {}

  private violate(path: string, value: unknown, constraint: string): void {
    this.violations.push(
      `Value ${quote(value)} at '${path}' failed to satisfy constraint: ${constraint}`,
    );
  }

  private checkString(path: string, value: unknown, rule: StringRule): string | undefined {
    if (typeof value !== 'string') {
      this.violate(path, value, 'Member must be a string');
      return undefined;
    }
    const before = this.violations.length;
    if (rule.min !== undefined && value.length < rule.min)
      this.violate(path, value, `Member must have length greater than or equal to ${rule.min}`);
    if (rule.max !== undefined && value.length > rule.max)
      this.violate(path, value, `Member must have length less than or equal to ${rule.max}`);
    if (rule.pattern && !rule.pattern.test(value))
      this.violate(
        path,
        value,
        `Member must satisfy regular expression pattern: ${rule.pattern.source}`,
      );
    return this.violations.length === before ? value : undefined;
  }

  required(member: string): unknown {
    const value = this.input[member];
    if (value === undefined || value === null)
      this.violate(memberPath(member), value, 'Member must not be null');
    return value ?? undefined;
  }

  string(member: string, rule: StringRule, required: true): string;
  string(member: string, rule: StringRule, required?: false): string | undefined;
  string(member: string, rule: StringRule, required = false): string | undefined {
    const value = required ? this.required(member) : this.input[member];
    if (value === undefined || value === null) return required ? '' : undefined;
    return this.checkString(memberPath(member), value, rule) ?? '';
  }

  oneOf<T extends string>(member: string, allowed: readonly T[]): T {
    const value = this.required(member);
    if (value !== undefined && !allowed.includes(value as T))
      this.violate(
        memberPath(member),
        value,
        `Member must satisfy enum value set: [${allowed.join(', ')}]`,
      );
    return value as T;
  }

  integer(member: string, min: number, max: number): number | undefined {
    const value = this.input[member];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.violate(memberPath(member), value, `Member must have value between ${min} and ${max}`);
      return undefined;
    }
    return value;
  }

  /** A list of strings, each checked against `rule`; `minItems` as in the model. */
  strings(
    member: string,
    rule: StringRule,
    opts: { required: boolean; minItems?: number },
  ): string[] {
    const value = opts.required ? this.required(member) : this.input[member];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.violate(memberPath(member), value, 'Member must be a list');
      return [];
    }
    if (opts.minItems !== undefined && value.length < opts.minItems)
      this.violate(
        memberPath(member),
        `[${value.join(', ')}]`,
        `Member must have length greater than or equal to ${opts.minItems}`,
      );
    value.forEach((item, i) =>
      this.checkString(`${memberPath(member)}.${i + 1}.member`, item, rule),
    );
    return value as string[];
  }

  /** A list of structures `[{ [field]: string }]`, e.g. `RegularExpressionList: [{RegexString}]`. */
  fieldStrings(member: string, field: string, rule: StringRule): string[] {
    const value = this.required(member);
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.violate(memberPath(member), value, 'Member must be a list');
      return [];
    }
    return value.flatMap((item: unknown, i) => {
      const path = `${memberPath(member)}.${i + 1}.member.${memberPath(field)}`;
      const text = this.checkString(path, (item as Input | null)?.[field], rule);
      return text === undefined ? [] : [text];
    });
  }

  /** `Tags: [{Key, Value}]`, at least one item when present. */
  tags(member: string, opts: { required: boolean }): Record<string, string> {
    const value = opts.required ? this.required(member) : this.input[member];
    const tags: Record<string, string> = {};
    if (value === undefined || value === null) return tags;
    if (!Array.isArray(value) || value.length < 1) {
      this.violate(memberPath(member), value, 'Member must have length greater than or equal to 1');
      return tags;
    }
    value.forEach((tag: unknown, i) => {
      const item = (tag ?? {}) as Input;
      const path = `${memberPath(member)}.${i + 1}.member`;
      const key = this.checkString(`${path}.key`, item['Key'], TAG_KEY_RULE);
      const val = this.checkString(`${path}.value`, item['Value'], TAG_VALUE_RULE);
      if (key !== undefined && val !== undefined) tags[key] = val;
    });
    return tags;
  }

  /** Throws one ValidationException naming every violation, as AWS does. */
  done(): void {
    const n = this.violations.length;
    if (n === 0) return;
    throw new AwsError(
      'ValidationException',
      `${n} validation error${n === 1 ? '' : 's'} detected: ${this.violations.join('; ')}`,
    );
  }
}

/** Validates with `check`, throwing ValidationException if anything is wrong. */
export function validated<T>(input: Input, check: (c: InputChecks) => T): T {
  const checks = new InputChecks(input);
  const result = check(checks);
  checks.done();
  return result;
}
