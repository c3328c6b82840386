import type { EntryPicks, EntryRole, RoledEntry } from './entry';

type Role = EntryRole;

/** The files MovieLens archives hold, best first. */
const CLICK_NAMES = ['ratings.csv', 'u.data', 'ratings.dat', 'ratings.tsv'];
const META_NAMES = ['movies.csv', 'u.item', 'movies.dat'];
const GENRE_NAMES = ['u.genre'];

const CLICK_WORDS =
  /(^|[^a-z])(ratings?|clicks?|interactions?|events?|plays?|views?|purchases?|history|implicit|feedback|train)([^a-z]|$)/i;
const META_WORDS = /(^|[^a-z])(movies?|items?|products?|books?|titles?|metadata|meta|catalog(ue)?|songs?|tracks?|articles?)([^a-z]|$)/i;
/** Files that come with datasets and are neither: readmes, licences, ML-100K's other tables and its ready-made splits. */
const NEITHER =
  /(^readme|^license|^licence|\.(md|html?|pdf|sh|py|pl|json|xml|zip|gz)$|^u\.(user|occupation|info)$|^u[a-e1-5]\.(base|test)$|^(links|tags|genome-.*)\.csv$|^(users|tags)\.dat$)/i;

/** Whether a file's name leaves its role open, so its first line is worth reading. */
export function needsSniff(name: string): boolean {
  const lower = name.toLowerCase();
  return ![...CLICK_NAMES, ...META_NAMES, ...GENRE_NAMES].includes(lower) && !NEITHER.test(lower);
}

/** A guess at what a file is, from its name and (when given) its first line. */
export function guessRole(name: string, firstLine?: string): Role {
  const lower = name.toLowerCase();
  if (GENRE_NAMES.includes(lower)) return 'genres';
  if (META_NAMES.includes(lower)) return 'metadata';
  if (CLICK_NAMES.includes(lower)) return 'clicks';
  if (NEITHER.test(lower)) return 'other';
  if (firstLine !== undefined) {
    const sniffed = sniff(firstLine);
    if (sniffed) return sniffed;
  }
  if (META_WORDS.test(lower) && !CLICK_WORDS.test(lower)) return 'metadata';
  if (CLICK_WORDS.test(lower)) return 'clicks';
  return 'other';
}

function sniff(line: string): Role | null {
  const text = line.replace(/^\ufeff/, '').replace(/\r$/, '');
  const bars = text.split('|');
  if (bars.length > 5 && bars.slice(5).every((f) => f === '0' || f === '1')) return 'metadata';
  if (bars.length === 2 && /^\d+$/.test(bars[1])) return 'genres';
  const fields = text.split(/::|\t|,|;/).map((f) =>
    f
      .trim()
      .toLowerCase()
      .replace(/[^a-z0-9]/g, ''),
  );
  if (fields.some((f) => f === 'title' || f === 'name' || f === 'genres' || f === 'category')) return 'metadata';
  if (fields.length >= 2 && fields.length <= 4 && fields.every((f) => /^[0-9]+$/.test(f))) return 'clicks';
  if (fields.some((f) => f === 'rating' || f === 'userid' || f === 'user')) return 'clicks';
  return null;
}

function rank(entries: RoledEntry[], names: string[], role: Role): RoledEntry | null {
  for (const name of names) {
    const exact = entries.filter((e) => e.name.toLowerCase() === name);
    if (exact.length) return shallowest(exact);
  }
  const guessed = entries.filter((e) => e.role === role);
  if (guessed.length === 0) return null;
  return guessed.reduce((a, b) => ((b.size ?? 0) > (a.size ?? 0) ? b : a));
}

function shallowest(entries: RoledEntry[]): RoledEntry {
  return entries.reduce((a, b) => (b.label.split('/').length < a.label.split('/').length ? b : a));
}

/**
 * Which entry is the click log and which the item metadata: MovieLens names first, then the
 * guessed roles; a lone unrecognised file is taken as the click log.
 */
export function suggestPicks(entries: RoledEntry[]): EntryPicks {
  let clicks = rank(entries, CLICK_NAMES, 'clicks');
  const metadata = rank(
    entries.filter((e) => e !== clicks),
    META_NAMES,
    'metadata',
  );
  if (!clicks) {
    const rest = entries.filter((e) => e !== metadata && e.role !== 'genres' && !NEITHER.test(e.name));
    clicks = rest.length ? rest.reduce((a, b) => ((b.size ?? 0) > (a.size ?? 0) ? b : a)) : null;
  }
  // A file opened on its own is meant as the click log, whatever its name: reading it says what it is.
  if (!clicks && entries.length === 1 && entries[0].container === 'file' && !metadata) clicks = entries[0];
  const genres = metadata?.name.toLowerCase() === 'u.item' ? rank(entries, GENRE_NAMES, 'genres') : null;
  return { clicks: clicks?.id ?? null, metadata: metadata?.id ?? null, genres: genres?.id ?? null };
}
