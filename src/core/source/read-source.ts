import { DataError } from '../data/data-error';
import type { ClickParserOptions, ParsedClicks } from '../data/parse-clicks';
import { listEntries } from './archive';
import { guessRole, suggestPicks } from './picks';
import { readClicks } from './read-clicks';

/**
 * The click log in one file (plain, or the one a .gz/.zip holds), read as the upload dialog
 * reads it: what the command line uses, so both accept and refuse the same files.
 */
export async function readClickSource(file: File, options: ClickParserOptions = {}): Promise<ParsedClicks & { fileName: string }> {
  const entries = await listEntries([file]);
  if (entries.length === 0) throw DataError.about(file.name, 'there is no file in it to read');
  const listed = entries.map((e) => ({
    id: e.id,
    label: e.label,
    name: e.name,
    container: e.container,
    size: e.size,
    role: guessRole(e.name),
  }));
  const pick = entries.find((e) => e.id === suggestPicks(listed).clicks);
  if (!pick) throw DataError.about(file.name, `none of the files in it looks like a click log (${entries.map((e) => e.path).join(', ')})`);
  const read = await readClicks(pick, { ...options, fileName: pick.name });
  if (!read.parsed) throw read.error;
  return { ...read.parsed, fileName: pick.name };
}
