// Lists in the config that name what the file defines elsewhere: a calendar window's
// environments, a group's members, an environment's testers. Each unknown name is a problem that
// suggests the closest defined name, or else lists them all.
import { didYouMean } from './did-you-mean.js';

/** What a list refers to: `tester` names from `testers`. */
export interface Defined {
  readonly noun: string;
  readonly section: string;
  readonly names: readonly string[];
}

/**
 * The strings of `listed` that name something defined, in order; `unknown` gets each other string
 * with its index and the problem's message. Values of other types are the schema's to report.
 */
export function knownNames(
  listed: readonly unknown[],
  defined: Defined,
  unknown: (index: number, message: string, name: string) => void,
): string[] {
  const known: string[] = [];
  for (const [index, name] of listed.entries()) {
    if (typeof name !== 'string') continue;
    if (defined.names.includes(name)) known.push(name);
    else unknown(index, `unknown ${defined.noun} '${name}'${hint(name, defined)}`, name);
  }
  return known;
}

function hint(name: string, { section, names }: Defined): string {
  if (names.length === 0) return `; '${section}' is empty`;
  return didYouMean(name, names) || `; the file's ${section}: ${names.join(', ')}`;
}
