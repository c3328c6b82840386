import { openAsBlob, statSync } from 'node:fs';
import { basename } from 'node:path';
import type { ClickParserOptions, ParsedClicks } from '../core/data/parse-clicks';
import { readClickSource } from '../core/source/read-source';

/** A click log on disk, read lazily through a Blob by the app's own reader (.gz and .zip streamed). */
export async function readClickFile(path: string, options: ClickParserOptions = {}): Promise<ParsedClicks & { fileName: string }> {
  const file = new File([await openAsBlob(path)], basename(path), { lastModified: statSync(path).mtimeMs });
  return readClickSource(file, options);
}
