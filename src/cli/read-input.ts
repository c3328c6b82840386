import { openAsBlob, statSync } from 'node:fs';
import { basename } from 'node:path';
import { DataError } from '../core/data/data-error';
import type { ClickParserOptions, ParsedClicks } from '../core/data/parse-clicks';
import { listEntries } from '../core/source/archive';
import { guessRole, suggestPicks } from '../core/source/picks';
import { readClicks } from '../core/source/read-clicks';

/**
 * Reads a click log from disk with the app's own reader: .gz and .zip streamed (with its
 * expansion limit), UTF-16 and Latin-1 decoded, files of other kinds named. The file is read
 * lazily through a Blob, so only the parsed log is held in memory.
 */
export async function readClickFile(path: string, options: ClickParserOptions = {}): Promise<ParsedClicks & { fileName: string }> {
  const name = basename(path);
  const file = new File([await openAsBlob(path)], name, { lastModified: statSync(path).mtimeMs });
  const entries = await listEntries([file]);
  if (entries.length === 0) throw DataError.about(name, 'there is no file in it to read');
  const listed = entries.map((e) => ({
    id: e.id,
    label: e.label,
    name: e.name,
    container: e.container,
    size: e.size,
    role: guessRole(e.name),
  }));
  const pick = entries.length === 1 ? entries[0] : entries.find((e) => e.id === suggestPicks(listed).clicks);
  if (!pick) {
    throw DataError.about(name, `none of the files in it looks like a click log (${entries.map((e) => e.path).join(', ')})`);
  }
  const read = await readClicks(pick, { ...options, fileName: pick.name });
  if (!read.parsed) throw read.error;
  return { ...read.parsed, fileName: pick.name };
}
