/** A category's weight in one concept's items (argmax assignment) against the whole catalogue. */
export interface LabelEvidence {
  category: string;
  /** share of the concept's items that have the category */
  share: number;
  /** share of all items that have it */
  overall: number;
  /** share / overall */
  lift: number;
}

export interface ConceptLabel {
  /** the category names the label gives, '' when it is weak (or the concept has no items or metadata) */
  name: string;
  /** no category reaches {@link STRONG_LIFT} among those covering at least {@link MIN_SHARE} of the concept */
  weak: boolean;
  /** the best-lifted categories, strongest first (at most two) */
  evidence: LabelEvidence[];
  /** what a tag shows: the name with its lifts ("Horror ×2.4 · Sci-Fi ×1.9"), or "weak" with the best lift */
  short: string;
  /** one sentence with the numbers behind the label */
  detail: string;
}

/** A category must be this over-represented in a concept to name it. */
export const STRONG_LIFT = 1.5;
/** …and cover this share of the concept's items (so a rare category cannot name a big concept). */
export const MIN_SHARE = 0.1;

const pct = (x: number) => `${(100 * x).toFixed(0)} %`;

/**
 * A label per concept from the categories of the items assigned to it (argmax): the categories most
 * over-represented in it (lift over their overall share) among those covering at least MIN_SHARE of
 * its items. Plain frequency would name most concepts "Drama". A concept none of whose categories
 * reaches STRONG_LIFT is weak and gets no name, only its best number.
 */
export function conceptLabels(concept: Int32Array, categories: readonly (readonly string[])[], K: number): ConceptLabel[] {
  const overall = new Map<string, number>();
  const per = Array.from({ length: K }, () => new Map<string, number>());
  const sizes = new Int32Array(K);
  concept.forEach((k, i) => {
    sizes[k]++;
    for (const c of categories[i] ?? []) {
      overall.set(c, (overall.get(c) ?? 0) + 1);
      per[k].set(c, (per[k].get(c) ?? 0) + 1);
    }
  });
  const M = concept.length;
  return per.map((counts, k) => {
    if (sizes[k] === 0) return unnamed('empty', 'No item has this concept as its most likely one.');
    if (overall.size === 0) return unnamed('no metadata', 'The items have no categories to compare with.');
    const evidence = [...counts]
      .filter(([, n]) => n >= MIN_SHARE * sizes[k])
      .map(([category, n]) => {
        const share = n / sizes[k];
        const all = (overall.get(category) ?? 0) / M;
        return { category, share, overall: all, lift: share / all };
      })
      .sort((a, b) => b.lift - a.lift || a.category.localeCompare(b.category))
      .slice(0, 2);
    const strong = evidence.filter((e) => e.lift >= STRONG_LIFT);
    const facts = evidence.map(
      (e) => `${e.category} ${pct(e.share)} of its ${sizes[k]} items vs ${pct(e.overall)} overall (×${e.lift.toFixed(2)})`,
    );
    if (strong.length === 0) {
      const best = evidence[0];
      return {
        name: '',
        weak: true,
        evidence,
        short: best ? `weak · best ×${best.lift.toFixed(1)}` : 'weak',
        detail: `Weak: no category reaches a lift of ${STRONG_LIFT}${facts.length ? `; best ${facts.join('; ')}` : ''}.`,
      };
    }
    return {
      name: strong.map((e) => e.category).join(' · '),
      weak: false,
      evidence,
      short: strong.map((e) => `${e.category} ×${e.lift.toFixed(1)}`).join(' · '),
      detail: `${facts.join('; ')}. Lift = share in the concept / share overall; a name needs ×${STRONG_LIFT}.`,
    };
  });
}

function unnamed(short: string, detail: string): ConceptLabel {
  return { name: '', weak: true, evidence: [], short, detail };
}
