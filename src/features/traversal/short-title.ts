/** Strip cells are narrow: drop a trailing "(1995)" and any "(a.k.a. …)", "Matrix, The" → "The Matrix"; the full title is the tooltip. */
export function shortTitle(title: string): string {
  const short = title
    .replace(/\s*\(a\.k\.a\.[^)]*\)/gi, '')
    .replace(/\s*\(\d{4}(?:[-–]\d{0,4})?\)\s*$/, '')
    .trim()
    .replace(/^(.*), (The|A|An)$/, '$2 $1');
  return short || title;
}
