// Optional resources. With a literal switch the resource is simply declared or not; with a
// Terraform expression (a module variable) it is declared with `count = cond ? 1 : 0` and every
// reference goes through `one(resource[*].attr)`, which is null when the resource is absent.

import { Fn, Op, propertyAccess, Token } from 'cdktf';
import type { Switch } from './props.js';

/** A resource or data source: anything with an address and attributes. */
export interface Addressable {
  readonly fqn: string;
  getStringAttribute(name: string): string;
}

export class Optional<T extends Addressable> {
  private constructor(
    readonly resource: T | undefined,
    private readonly counted: boolean,
  ) {}

  /** Declares the resource as `create` says; `declare` receives the `count` to pass, if any. */
  static declare<T extends Addressable>(
    create: Switch,
    declare: (count: number | undefined) => T,
  ): Optional<T> {
    if (create === false) return new Optional<T>(undefined, false);
    if (create === true) return new Optional(declare(undefined), false);
    return new Optional(declare(Token.asNumber(Fn.conditional(create, 1, 0))), true);
  }

  /** A string attribute of the resource, or undefined when it is certainly not created. */
  attribute(name: string): string | undefined {
    if (this.resource === undefined) return undefined;
    if (!this.counted) return this.resource.getStringAttribute(name);
    return Token.asString(Fn.one(propertyAccess(this.resource.fqn, ['*', name])));
  }
}

/** Both switches at once, staying literal when both are. */
export function bothOn(left: Switch, right: Switch): Switch {
  if (left === false || right === false) return false;
  if (left === true) return right;
  if (right === true) return left;
  return Op.and(left, right);
}

/** `expression != null`, with a real Terraform null (cdktf renders a JavaScript null as undefined). */
export function isNotNull(expression: unknown): Switch {
  return Op.neq(expression, Token.nullValue());
}

/** `expression == null`. */
export function isNull(expression: unknown): Switch {
  return Op.eq(expression, Token.nullValue());
}
