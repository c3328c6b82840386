/**
 * Text exports of the concepts: assignments as CSV (RFC 4180 quoting), and the two TSV files the
 * TensorFlow Embedding Projector loads (vectors.tsv, metadata.tsv). Pure functions; the engine
 * builds the text in the worker and the page only wraps it in a Blob.
 */

/** Shortest decimal that reads back as the same float32 (≤ 9 significant digits always do). */
export function formatFloat32(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const f = Math.fround(v);
  for (let p = 6; p < 9; p++) {
    const s = f.toPrecision(p);
    if (Math.fround(Number(s)) === f) return String(Number(s));
  }
  return String(Number(f.toPrecision(9)));
}

/** A CSV field, quoted when it holds a comma, a quote, CR or LF (quotes doubled). */
export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * A TSV field for the Embedding Projector, which splits lines on \n and fields on \t with no
 * quoting at all: tabs and line breaks become spaces.
 */
export function tsvField(s: string): string {
  return s.replace(/[\t\r\n]+/g, ' ');
}

export interface AssignmentRows {
  ids: string[];
  titles: string[];
  concept: Int32Array;
  /** M × K */
  assignment: Float32Array;
  K: number;
}

/**
 * item_id,title,concept,c_1..c_K: one row per item, concept = argmax_k c_ik. Concepts are
 * numbered from 1 here, as in the UI (C1…CK), while the engine counts from 0.
 */
export function assignmentsCsv({ ids, titles, concept, assignment, K }: AssignmentRows): string {
  const header = ['item_id', 'title', 'concept', ...Array.from({ length: K }, (_, k) => `c_${k + 1}`)].join(',');
  const lines = [header];
  for (let i = 0; i < ids.length; i++) {
    const cs: string[] = [];
    for (let k = 0; k < K; k++) cs.push(formatFloat32(assignment[i * K + k]));
    lines.push([csvField(ids[i]), csvField(titles[i]), String(concept[i] + 1), ...cs].join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

/** vectors.tsv: one row of tab-separated floats per item, no header. */
export function vectorsTsv(vectors: Float32Array, d: number): string {
  const M = vectors.length / d;
  const lines: string[] = new Array(M);
  const row: string[] = new Array(d);
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < d; j++) row[j] = formatFloat32(vectors[i * d + j]);
    lines[i] = row.join('\t');
  }
  return lines.join('\n') + '\n';
}

export interface MetadataRows {
  ids: string[];
  titles: string[];
  concept: Int32Array;
  categories: string[][];
}

/**
 * metadata.tsv: a header row (the Projector wants one when there is more than one column), then
 * id, title, concept (C1…CK, the UI's names) and the categories joined with "|".
 */
export function metadataTsv({ ids, titles, concept, categories }: MetadataRows): string {
  const lines = ['id\ttitle\tconcept\tcategories'];
  for (let i = 0; i < ids.length; i++) {
    lines.push([tsvField(ids[i]), tsvField(titles[i]), `C${concept[i] + 1}`, tsvField(categories[i].join('|'))].join('\t'));
  }
  return lines.join('\n') + '\n';
}
