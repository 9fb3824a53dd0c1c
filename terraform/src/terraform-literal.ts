// Terraform JSON treats `${` and `%{` inside any string as template syntax, and cdktf does not
// escape them. A maintenance page with an inline script using `${x}` would otherwise fail to plan
// or, worse, interpolate. Escaping doubles the introducer, which Terraform turns back into one.

/** How cdktf encodes a string token (a reference to a variable, resource ...) inside a string. */
const ENCODED_TOKEN = /(\$\{TfToken\[[^\]]+\]\})/;

/** Escape the literal parts of a string for Terraform JSON; encoded cdktf tokens are kept as they are. */
export function terraformLiteral(value: string): string {
  return value
    .split(ENCODED_TOKEN)
    .map((part) =>
      // Replacement functions, since '$$' in a replacement string means a single '$'.
      ENCODED_TOKEN.test(part)
        ? part
        : part.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{'),
    )
    .join('');
}

/** The value Terraform sends to AWS for a string written by `terraformLiteral`. */
export function fromTerraformLiteral(value: string): string {
  return value.replace(/\$\$\{/g, () => '${').replace(/%%\{/g, () => '%{');
}
