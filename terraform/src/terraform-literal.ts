import { Token } from 'cdktf';

// Terraform JSON treats `${` and `%{` inside any string as template syntax, and cdktf does not
// escape them. A maintenance page with an inline script using `${x}` would otherwise fail to plan
// or, worse, interpolate. Escaping doubles the introducer, which Terraform turns back into one.

/** Escape a user-supplied literal for Terraform JSON; strings carrying cdktf tokens are left alone. */
export function terraformLiteral(value: string): string {
  if (Token.isUnresolved(value)) return value;
  return value.replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');
}

/** The value Terraform sends to AWS for a string written by `terraformLiteral`. */
export function fromTerraformLiteral(value: string): string {
  return value.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}
