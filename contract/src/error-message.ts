// The text to show for anything thrown. Duck-typed: errors from another realm (node:util in a
// VM context, bundled copies of a library) are not `instanceof Error` here.

export function errorMessage(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}
