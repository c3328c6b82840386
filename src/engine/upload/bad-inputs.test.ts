import { describe, expect, it } from 'vitest';
import { errorMessage } from '../../core/error-message';
import { buildSplit } from '../../core/data/split';
import { inputCases, type InputCase } from '../../core/testing/bad-inputs';
import { UploadSession } from './upload-session';
import { Workspace } from '../workspace';
import { readClickSource } from '../../core/source/read-source';

const HELD_OUT = 5;

/** The CLI's path: the file read and split as train/reproduce/evaluate do (they hand readClickSource a Blob of the file on disk). */
async function viaCli(c: InputCase): Promise<{ message: string | null; rows?: number; notices: string[] }> {
  try {
    const { log, report, fileName } = await readClickSource(new File([c.bytes.slice()], c.file), { ratingThreshold: 3.5 });
    buildSplit(log, { nHeldout: HELD_OUT, fileName });
    return { message: null, rows: report.rowsRead, notices: report.notices ?? [] };
  } catch (e) {
    return { message: errorMessage(e), notices: [] };
  }
}

/** The app's path: the upload dialog's listing and preview. */
async function viaApp(c: InputCase): Promise<{ message: string | null; rows?: number }> {
  const session = new UploadSession(new Workspace());
  const listing = await session.inspect([new File([c.bytes.slice()], c.file)]);
  if (listing.errors.length) return { message: listing.errors.map((e) => e.message).join('\n') };
  const preview = await session.prepare({
    picks: listing.picks,
    layout: { format: 'auto', delimiter: null, header: null, columns: null },
    preprocess: { ratingThreshold: 3.5, minUserClicks: 5, nHeldout: HELD_OUT },
  });
  if (preview.errors.length) return { message: preview.errors.map((e) => e.message).join('\n') };
  return { message: null, rows: preview.clicks?.parse?.rowsRead };
}

describe('a corpus of broken and odd click logs, read by the CLI and by the app', () => {
  const cases = inputCases();

  it('holds at least 60 inputs', () => expect(cases.length).toBeGreaterThanOrEqual(60));

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const cli = await viaCli(c);
    const app = await viaApp(c);
    if (c.refused) {
      expect(cli.message).toMatch(c.refused);
      expect(app.message).toMatch(c.refused);
      expect(cli.message).not.toMatch(/\n\s+at /);
    } else {
      expect(cli.message).toBeNull();
      expect(app.message).toBeNull();
      expect(cli.rows).toBe(c.rows);
      expect(app.rows).toBe(c.rows);
      if (c.notice) expect(cli.notices.join('\n')).toMatch(c.notice);
    }
  });
});
