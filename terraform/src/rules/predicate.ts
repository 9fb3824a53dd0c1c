// A check written once and rendered twice: as a TypeScript test (the construct's synth-time
// validation) and as a Terraform expression (the plain module's `validation` blocks and
// preconditions). Terraform's && and || do not short-circuit, so every rendering is safe to
// evaluate on any value of the variable's type.

export interface Predicate {
  /** Whether a literal value passes. */
  test(value: unknown): boolean;
  /** The same test as a Terraform expression over `ref` (no `${}` around it). */
  hcl(ref: string): string;
}

/** A check of one item of a list, which may look at the whole list (duplicates). */
export interface ItemPredicate {
  test(item: unknown, index: number, list: readonly unknown[]): boolean;
  /** The test of every item as one Terraform expression over the list `ref`. */
  hcl(ref: string): string;
}

const hclString = (text: string): string => JSON.stringify(text);
const isString = (value: unknown): value is string => typeof value === 'string';

/** Terraform `regex` is RE2 and JavaScript's is not: keep patterns to the syntax both read alike. */
export function matches(pattern: string): Predicate {
  const re = new RegExp(pattern);
  return {
    test: (value) => isString(value) && re.test(value),
    hcl: (ref) => `can(regex(${hclString(pattern)}, ${ref}))`,
  };
}

/** Length in characters (the patterns that go with it allow ASCII only, where JS and Terraform agree). */
export function lengthBetween(min: number, max: number): Predicate {
  return {
    test: (value) => isString(value) && value.length >= min && value.length <= max,
    hcl: (ref) => `length(${ref}) >= ${min} && length(${ref}) <= ${max}`,
  };
}

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/**
 * Terraform has no byte-length function and `length` counts characters. base64encode encodes the
 * UTF-8 bytes: 4 characters per 3 bytes, the last group padded with one "=" per missing byte, so
 * bytes = length / 4 * 3 - number of "=". Exact for any text.
 */
export function hclUtf8Bytes(ref: string): string {
  return `(length(base64encode(${ref})) / 4 * 3 - length(regexall("=", base64encode(${ref}))))`;
}

export function bytesBetween(min: number, max: number): Predicate {
  return {
    test: (value) => isString(value) && utf8Bytes(value) >= min && utf8Bytes(value) <= max,
    hcl: (ref) => `${hclUtf8Bytes(ref)} >= ${min} && ${hclUtf8Bytes(ref)} <= ${max}`,
  };
}

export function wholeNumberBetween(min: number, max: number): Predicate {
  return {
    test: (value) =>
      typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max,
    hcl: (ref) => `floor(${ref}) == ${ref} && ${ref} >= ${min} && ${ref} <= ${max}`,
  };
}

export function oneOf(values: readonly (string | number)[]): Predicate {
  return {
    test: (value) => values.includes(value as string | number),
    hcl: (ref) => `contains(${JSON.stringify(values)}, ${ref})`,
  };
}

export function noneOf(values: readonly string[]): Predicate {
  return {
    test: (value) => !values.includes(value as string),
    hcl: (ref) => `!contains(${JSON.stringify(values)}, ${ref})`,
  };
}

export function startsWith(prefix: string): Predicate {
  return {
    test: (value) => isString(value) && value.startsWith(prefix),
    hcl: (ref) => `startswith(${ref}, ${hclString(prefix)})`,
  };
}

export function validJson(): Predicate {
  return {
    test: (value) => {
      try {
        JSON.parse(value as string);
        return true;
      } catch {
        return false;
      }
    },
    hcl: (ref) => `can(jsondecode(${ref}))`,
  };
}

export function countBetween(min: number, max: number): Predicate {
  return {
    test: (value) => Array.isArray(value) && value.length >= min && value.length <= max,
    hcl: (ref) => `length(${ref}) >= ${min} && length(${ref}) <= ${max}`,
  };
}

/** All of them (Terraform evaluates every operand, so each must be safe on its own). */
export function allOf(...predicates: Predicate[]): Predicate {
  return {
    test: (value) => predicates.every((p) => p.test(value)),
    hcl: (ref) => predicates.map((p) => `(${p.hcl(ref)})`).join(' && '),
  };
}

export function everyItem(predicate: Predicate): ItemPredicate {
  return {
    test: (item) => predicate.test(item),
    hcl: (ref) => `alltrue([for item in ${ref} : ${predicate.hcl('item')}])`,
  };
}

/** An item is reported at its second occurrence. */
export function noDuplicates(): ItemPredicate {
  return {
    test: (item, index, list) => list.indexOf(item) === index,
    hcl: (ref) => `length(distinct(${ref})) == length(${ref})`,
  };
}
