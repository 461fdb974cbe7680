import { distance } from 'fastest-levenshtein';

/**
 * The known names closest to `name`: case-insensitive equal or contained names first, then those
 * within a small edit distance, at most `limit` of them.
 *
 * @example
 * closestNames('ResNt', ['ResNet', 'ResNeXt', 'VGG']); // ['ResNet', 'ResNeXt']
 */
export function closestNames(name: string, known: Iterable<string>, limit = 3): string[] {
  const wanted = name.toLowerCase();
  const threshold = Math.max(2, Math.floor(wanted.length / 3));
  const scored: Array<{ name: string; score: number }> = [];
  for (const candidate of known) {
    const lower = candidate.toLowerCase();
    let score = distance(wanted, lower);
    if (lower === wanted) score = -2;
    else if (wanted.length >= 3 && (lower.includes(wanted) || wanted.includes(lower))) score = Math.min(score, -1);
    if (score <= threshold) scored.push({ name: candidate, score });
  }
  scored.sort((a, b) => a.score - b.score || a.name.localeCompare(b.name));
  return scored.slice(0, limit).map((entry) => entry.name);
}
