/**
 * A short label per concept from the categories of the items assigned to it (argmax): the two
 * categories most over-represented in the concept (lift over their overall share) among those
 * that cover at least 10 % of its items. Plain frequency would name most concepts "Drama".
 */
export function conceptLabels(concept: Int32Array, categories: string[][], K: number): string[] {
  const overall = new Map<string, number>();
  const per = Array.from({ length: K }, () => new Map<string, number>());
  const sizes = new Int32Array(K);
  concept.forEach((k, i) => {
    sizes[k]++;
    for (const c of categories[i]) {
      overall.set(c, (overall.get(c) ?? 0) + 1);
      per[k].set(c, (per[k].get(c) ?? 0) + 1);
    }
  });
  const M = concept.length;
  return per.map((counts, k) => {
    if (sizes[k] === 0) return 'empty';
    const ranked = [...counts]
      .filter(([, n]) => n >= 0.1 * sizes[k])
      .map(([c, n]) => ({ c, lift: n / sizes[k] / ((overall.get(c) ?? 1) / M) }))
      .sort((a, b) => b.lift - a.lift);
    return ranked.length
      ? ranked
          .slice(0, 2)
          .map((r) => r.c)
          .join(' · ')
      : 'mixed';
  });
}
