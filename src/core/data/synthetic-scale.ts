/**
 * A MovieLens-sized synthetic ratings.csv, produced as text chunks so a file of any size is
 * written (or parsed) without ever being one string. Seeded; planted categories; item popularity
 * Zipf-distributed (a long tail), and clicks per user 20 + lognormal (ML-20M: at least 20
 * ratings per user, 144 on average, a few thousand at most).
 */
import { Rng } from '../model/random';
import { drawFrom } from './synthetic';

export interface ScaleOptions {
  /** rows in the file (ratings, before the 3.5 threshold) */
  rows: number;
  seed: number;
  /** items in the catalogue (default: ML-20M's 26,744 scaled by √(rows / 20M)) */
  items?: number;
  categories?: number;
}

export interface ScaleShape {
  items: number;
  categories: number;
}

const ML20M_ROWS = 20_000_263;
const ML20M_ITEMS = 26_744;
/** ln-activity: mean of exp(μ + σZ) = 124, so a user rates 144 items on average */
const ACTIVITY_SIGMA = 1.2;
const ACTIVITY_MU = Math.log(124) - (ACTIVITY_SIGMA * ACTIVITY_SIGMA) / 2;
const POPULARITY_EXPONENT = 1;
/** share of a user's ratings inside their own categories, rated 3.5–5; the rest are 0.5–3.5 */
const IN_CATEGORY = 0.85;
const CHUNK_ROWS = 50_000;

export function scaleShape(options: ScaleOptions): ScaleShape {
  return {
    items: options.items ?? Math.max(100, Math.round(ML20M_ITEMS * Math.sqrt(options.rows / ML20M_ROWS))),
    categories: options.categories ?? 20,
  };
}

/** Cumulative popularity of each category's members (item rank r weighs 1 / (r + 1)^s). */
function categoryTables(items: number, categories: number, rng: Rng): { members: Int32Array[]; cumulative: Float64Array[] } {
  const lists: number[][] = Array.from({ length: categories }, () => []);
  for (let item = 0; item < items; item++) lists[rng.int(categories)].push(item);
  return {
    members: lists.map((l) => Int32Array.from(l)),
    cumulative: lists.map((l) => {
      const sums = new Float64Array(l.length);
      let total = 0;
      l.forEach((item, p) => (sums[p] = total += 1 / Math.pow(item + 1, POPULARITY_EXPONENT)));
      return sums;
    }),
  };
}

/** The file, header first, users in order, in chunks of about 50,000 rows. */
export function* scaleRatingsCsv(options: ScaleOptions): Generator<string> {
  const { items, categories } = scaleShape(options);
  const rng = new Rng(options.seed);
  const { members, cumulative } = categoryTables(items, categories, rng);
  const everything = { members: Int32Array.from({ length: items }, (_, i) => i), cumulative: new Float64Array(items) };
  let total = 0;
  for (let i = 0; i < items; i++) everything.cumulative[i] = total += 1 / Math.pow(i + 1, POPULARITY_EXPONENT);
  const seen = new Int32Array(items).fill(-1);
  let lines: string[] = ['userId,movieId,rating,timestamp'];
  let written = 0;
  let time = 1_000_000_000;
  for (let user = 0; written < options.rows; user++) {
    const wanted = Math.min(
      Math.floor(items / 2),
      options.rows - written,
      20 + Math.floor(Math.exp(ACTIVITY_MU + ACTIVITY_SIGMA * rng.normal())),
    );
    const own = Array.from({ length: 1 + rng.int(3) }, () => rng.int(categories));
    for (let n = 0; n < wanted; n++) {
      const inside = rng.uniform() < IN_CATEGORY;
      const c = own[rng.int(own.length)];
      let item = -1;
      // Repeats are redrawn (a user rates an item once); a crowded category may still repeat, and the parser drops those.
      for (let tries = 0; tries < 8 && (item < 0 || seen[item] === user); tries++) {
        item = inside
          ? drawFrom(members[c], cumulative[c], rng.uniform())
          : drawFrom(everything.members, everything.cumulative, rng.uniform());
      }
      seen[item] = user;
      const rating = inside ? 3.5 + 0.5 * rng.int(4) : 0.5 + 0.5 * rng.int(7);
      lines.push(`${user + 1},${item + 1},${rating},${time++}`);
      if (lines.length >= CHUNK_ROWS) {
        yield lines.join('\n') + '\n';
        lines = [];
      }
    }
    written += wanted;
  }
  if (lines.length > 0) yield lines.join('\n') + '\n';
}
