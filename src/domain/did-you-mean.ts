// Suggests the intended word for a typo ("tester" -> "testers", "regional" -> "REGIONAL").

/** Levenshtein distance, one row at a time. Config keys and names are short, so this stays cheap. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The closest candidate when it is plausibly a typo (case-insensitive, about a third of the word may differ). */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  const wanted = word.toLowerCase();
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(wanted, candidate.toLowerCase());
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  const tolerance = Math.max(1, Math.floor(word.length / 3));
  return best && best.distance <= tolerance ? best.candidate : undefined;
}

/** "; did you mean 'x'?" when there is a close candidate, else "". */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const match = closestMatch(word, candidates);
  return match === undefined ? '' : `; did you mean '${match}'?`;
}
