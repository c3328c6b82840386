import { DataError } from '../../core/data/data-error';
import { detectClickLayout, type ClickLayout } from '../../core/data/detect-format';
import type { ParsedClicks } from '../../core/data/parse-clicks';
import { parseMetadata } from '../../core/data/parse-metadata';
import { DEFAULT_MIN_USER_CLICKS } from '../../core/data/preprocess';
import { buildSplit, suggestHeldout } from '../../core/data/split';
import { applyThreshold } from '../../core/data/threshold';
import type { ClickLog, DatasetStats, ItemMeta } from '../../core/data/types';
import { datasetFromRecipe, type DatasetState } from '../dataset/dataset-state';
import type { Workspace } from '../workspace';
import { fileKey, listEntries, readAll, readHead, type SourceEntry } from '../../core/source/archive';
import { guessRole, needsSniff, suggestPicks } from '../../core/source/picks';
import type {
  ClicksPreview,
  UploadEntry,
  UploadFailure,
  UploadCommitResult,
  UploadListing,
  UploadPreview,
  UploadProgress,
  UploadRequest,
} from '../../protocol/upload';
import {
  findLines,
  HEAD_LINES,
  problemsOf,
  readClicks,
  UploadCancelled,
  type CancelToken,
  type ClicksRead,
  type ReadProgress,
} from '../../core/source/read-clicks';
import { activeUsers, colonsToTabs, datasetName, layoutInfo, metadataPreview, parseSummary, parserOptions, previewRows } from './preview';

export const MAX_METADATA_BYTES = 256 << 20;
const SNIFF_BYTES = 2048;
const MAX_SNIFFED = 24;

interface ClicksCache {
  key: string;
  entry: string;
  read: ClicksRead;
  layout: ClickLayout | null;
}

interface Ready {
  name: string;
  log: ClickLog;
  report: ParsedClicks['report'];
  meta: Map<string, ItemMeta> | null;
  metaName: string;
  nHeldout: number;
  minUserClicks: number;
}

/**
 * The pending upload, held in the engine until it is used or discarded: the files, the parsed
 * log (with no rating threshold, so a new threshold costs a pass over memory, not a re-read),
 * the metadata and the last split. Nothing here touches the engine's dataset: `build()` hands
 * a finished DatasetState over only when every step has succeeded.
 */
export class UploadSession {
  private entries: SourceEntry[] = [];
  private generation = 0;
  private clicks: ClicksCache | null = null;
  private thresholded: { key: string; parsed: ParsedClicks } | null = null;
  private meta: { key: string; entries: string[]; meta: Map<string, ItemMeta> } | null = null;
  private split: { key: string; stats: DatasetStats; itemIds: string[] } | null = null;
  private ready: Ready | null = null;

  constructor(
    private readonly ws: Workspace,
    private readonly options: { chunkSize?: number; progressMs?: number; committed?: (data: DatasetState) => Promise<string | null> } = {},
  ) {}

  /** Lists the files (and what archives hold) and guesses which is the click log and which the metadata. */
  async inspect(files: File[]): Promise<UploadListing> {
    this.cancel();
    const errors: UploadFailure[] = [];
    const entries: SourceEntry[] = [];
    const seen = new Set<string>();
    for (const file of files) {
      if (seen.has(fileKey(file))) continue;
      seen.add(fileKey(file));
      try {
        entries.push(...(await listEntries([file])));
      } catch (e) {
        errors.push({ stage: 'files', ...problemsOf(e), file: file.name });
      }
    }
    this.entries = entries;
    // Parses of files still open stay cached (adding a metadata file does not re-read the click log).
    const open = new Set(entries.map((e) => e.id));
    if (this.clicks && !open.has(this.clicks.entry)) {
      this.clicks = null;
      this.thresholded = null;
      this.split = null;
    }
    if (this.meta && !this.meta.entries.every((id) => open.has(id))) this.meta = null;
    const listed: UploadEntry[] = [];
    let sniffed = 0;
    for (const e of entries) {
      // The first line settles what an unfamiliar name does not (a few files only: zip entries cost a partial inflate).
      const sniff = needsSniff(e.name) && sniffed++ < MAX_SNIFFED;
      const role = guessRole(e.name, sniff ? await this.firstLine(e) : undefined);
      listed.push({ id: e.id, label: e.label, name: e.name, container: e.container, size: e.size, role });
    }
    if (files.length > 0 && entries.length === 0 && errors.length === 0) {
      const names = files.map((f) => f.name).join(', ');
      const message = 'there is no file in it to read';
      errors.push({ stage: 'files', file: names, message: `${names}: ${message}`, problems: [{ line: 0, message }], totalProblems: 1 });
    }
    return { files: files.map((f) => ({ name: f.name, size: f.size })), entries: listed, picks: suggestPicks(listed), errors };
  }

  private async firstLine(e: SourceEntry): Promise<string | undefined> {
    try {
      const text = new TextDecoder().decode(await readHead(e, SNIFF_BYTES));
      return text.split('\n')[0];
    } catch {
      return undefined;
    }
  }

  /** Stops the read under way (its prepare() returns with `cancelled`). */
  cancel(): void {
    this.generation++;
    this.ready = null;
  }

  discard(): void {
    this.cancel();
    this.entries = [];
    this.clicks = null;
    this.thresholded = null;
    this.meta = null;
    this.split = null;
  }

  private entry(id: string): SourceEntry {
    const e = this.entries.find((x) => x.id === id);
    if (!e) throw new Error(`no file "${id}" is open: open the files again`);
    return e;
  }

  /**
   * Reads, parses and splits what the request picks, reusing whatever an earlier request with
   * the same file and options already computed; a newer request or cancel() stops this one.
   */
  async prepare(request: UploadRequest, onProgress?: (p: UploadProgress) => void): Promise<UploadPreview> {
    const t0 = performance.now();
    const generation = ++this.generation;
    const cancel: CancelToken = {
      check: () => {
        if (generation !== this.generation) throw new UploadCancelled();
      },
    };
    this.ready = null;
    const errors: UploadFailure[] = [];
    const preview: UploadPreview = {
      name: '',
      clicks: null,
      metadata: null,
      counts: null,
      nHeldout: 0,
      errors,
      cancelled: false,
      ready: false,
      ms: 0,
    };
    try {
      await this.fill(preview, request, cancel, onProgress);
    } catch (e) {
      if (!(e instanceof UploadCancelled)) throw e;
      preview.cancelled = true;
    }
    preview.ready = !preview.cancelled && errors.length === 0 && preview.counts !== null;
    if (!preview.ready) this.ready = null;
    preview.ms = performance.now() - t0;
    return preview;
  }

  private async fill(
    preview: UploadPreview,
    request: UploadRequest,
    cancel: CancelToken,
    onProgress?: (p: UploadProgress) => void,
  ): Promise<void> {
    const { picks, layout, preprocess } = request;
    const errors = preview.errors;
    if (!picks.clicks) {
      errors.push({ stage: 'files', file: null, message: 'Choose which file is the click log.', problems: [], totalProblems: 0 });
      return;
    }
    const entry = this.entry(picks.clicks);
    preview.name = datasetName(entry);
    const progress = (phase: UploadProgress['phase'], file: string) => (p: ReadProgress) => onProgress?.({ phase, file, ...p });
    const stream = (phase: UploadProgress['phase'], file: string) => ({
      cancel,
      onProgress: progress(phase, file),
      chunkSize: this.options.chunkSize,
      progressMs: this.options.progressMs,
    });

    // 1. The click log, parsed with no rating threshold so the threshold can change in memory.
    const key = JSON.stringify([entry.id, layout]);
    if (this.clicks?.key !== key) {
      this.clicks = null;
      this.thresholded = null;
      this.split = null;
      const read = await readClicks(entry, parserOptions(layout, entry.name, null), stream('reading', entry.name));
      let detected: ClickLayout | null = null;
      try {
        if (read.head.length)
          detected = detectClickLayout(read.head.slice(0, HEAD_LINES), parserOptions(layout, entry.name, null), entry.name);
      } catch {
        detected = null;
      }
      this.clicks = { key, entry: entry.id, read, layout: detected };
    }
    const { read, layout: detected } = this.clicks;
    const clicks: ClicksPreview = {
      entry: entry.id,
      name: entry.name,
      layout: detected ? layoutInfo(detected) : null,
      rows: previewRows(read, detected),
      parse: null,
    };
    preview.clicks = clicks;
    if (!read.parsed) {
      errors.push(await this.failure('clicks', read.error, entry, read, cancel, onProgress));
    }

    // 2. The item metadata, if any, whatever happened to the clicks (both errors are worth showing).
    let meta: Map<string, ItemMeta> | null = null;
    let metaName = '';
    if (picks.metadata) {
      const metaEntry = this.entry(picks.metadata);
      metaName = metaEntry.name;
      try {
        meta = await this.readMetadata(metaEntry, picks.genres ? this.entry(picks.genres) : null, stream('metadata', metaEntry.name));
        preview.metadata = metadataPreview(metaEntry, meta);
      } catch (e) {
        if (e instanceof UploadCancelled) throw e;
        errors.push(await this.failure('metadata', e, metaEntry, null, cancel, onProgress));
      }
    }
    if (!read.parsed) return;

    // 3. The rating threshold: in memory, unless the log had duplicate pairs (then the parser decides which one counts).
    const threshold = preprocess.ratingThreshold;
    let parsed = read.parsed;
    if (parsed.log.hasRatings && threshold !== null) {
      const tkey = JSON.stringify([key, threshold]);
      if (this.thresholded?.key !== tkey) {
        this.thresholded = null;
        if (parsed.report.duplicatesDropped === 0) {
          this.thresholded = { key: tkey, parsed: applyThreshold(parsed, threshold) };
        } else {
          const again = await readClicks(entry, parserOptions(layout, entry.name, threshold), stream('reading', entry.name));
          if (!again.parsed) {
            errors.push(await this.failure('clicks', again.error, entry, again, cancel, onProgress));
            return;
          }
          this.thresholded = { key: tkey, parsed: again.parsed };
        }
      }
      parsed = this.thresholded.parsed;
    }
    clicks.parse = parseSummary(parsed);

    // 4. The user filter and the split, for the counts.
    const minUserClicks = preprocess.minUserClicks ?? DEFAULT_MIN_USER_CLICKS;
    const nHeldout = preprocess.nHeldout ?? suggestHeldout(activeUsers(parsed.log, minUserClicks));
    preview.nHeldout = nHeldout;
    const skey = JSON.stringify([key, threshold, minUserClicks, nHeldout]);
    if (this.split?.key !== skey) {
      this.split = null;
      onProgress?.({
        phase: 'preprocessing',
        file: entry.name,
        bytesRead: entry.sourceSize,
        bytesTotal: entry.sourceSize,
        rows: parsed.report.rowsRead,
      });
      cancel.check();
      try {
        const split = buildSplit(parsed.log, { nHeldout, minUserClicks, fileName: entry.name });
        this.split = { key: skey, stats: split.stats, itemIds: split.itemIds };
      } catch (e) {
        errors.push({ stage: 'preprocessing', ...problemsOf(e) });
        return;
      }
    }
    preview.counts = this.split!.stats;
    if (meta && preview.metadata) {
      const vocabulary = this.split!.itemIds;
      const matched = vocabulary.reduce((n, id) => n + (meta!.has(id) ? 1 : 0), 0);
      preview.metadata.matched = matched;
      if (matched === 0) {
        const message = 'none of its item ids appear in the click log; is it the metadata of another dataset?';
        errors.push({
          stage: 'metadata',
          file: metaName,
          message: `${metaName}: ${message}`,
          problems: [{ line: 0, message }],
          totalProblems: 1,
        });
      }
    }
    cancel.check();
    if (errors.length === 0) {
      this.ready = { name: preview.name, log: parsed.log, report: parsed.report, meta, metaName, nHeldout, minUserClicks };
    }
  }

  private async readMetadata(
    entry: SourceEntry,
    genres: SourceEntry | null,
    options: { cancel: CancelToken; onProgress: (p: ReadProgress) => void },
  ): Promise<Map<string, ItemMeta>> {
    const mkey = JSON.stringify([entry.id, genres?.id ?? null]);
    if (this.meta?.key === mkey) return this.meta.meta;
    this.meta = null;
    const bytes = colonsToTabs(
      await readAll(entry, MAX_METADATA_BYTES, (c) => {
        options.cancel.check();
        options.onProgress({ bytesRead: c.sourceBytes, bytesTotal: entry.sourceSize, rows: 0 });
      }),
    );
    const uGenre = genres ? new TextDecoder('latin1').decode(await readAll(genres, 1 << 20)) : undefined;
    options.cancel.check();
    const meta = parseMetadata(bytes, { fileName: entry.name, ...(uGenre !== undefined ? { uGenre } : {}) });
    this.meta = { key: mkey, entries: [entry.id, ...(genres ? [genres.id] : [])], meta };
    return meta;
  }

  /** A failure with the text of the lines it names (from the sample, or read again up to the last). */
  private async failure(
    stage: UploadFailure['stage'],
    error: unknown,
    entry: SourceEntry,
    read: ClicksRead | null,
    cancel: CancelToken,
    onProgress?: (p: UploadProgress) => void,
  ): Promise<UploadFailure> {
    const p = problemsOf(error);
    const failure: UploadFailure = { stage, ...p, file: p.file ?? entry.name };
    const wanted = failure.problems.map((x) => x.line).filter((l) => l > 0);
    if (wanted.length === 0) return failure;
    const texts = new Map<number, string>();
    for (const l of read?.head ?? [])
      if (wanted.includes(l.line)) texts.set(l.line, l.text.length > 200 ? `${l.text.slice(0, 200)}…` : l.text);
    const missing = wanted.filter((l) => !texts.has(l));
    if (missing.length) {
      try {
        const found = await findLines(entry, missing, {
          cancel,
          chunkSize: this.options.chunkSize,
          latin1: read?.latin1,
          onProgress: (x) => onProgress?.({ phase: 'locating problems', file: entry.name, ...x }),
        });
        found.forEach((t, l) => texts.set(l, t));
      } catch (e) {
        if (e instanceof UploadCancelled) throw e;
      }
    }
    failure.problems = failure.problems.map((x) => (texts.has(x.line) ? { ...x, text: texts.get(x.line) } : x));
    return failure;
  }

  /** Swaps in the prepared dataset; the model stays only if its item vocabulary is the new one's. */
  async commit(): Promise<UploadCommitResult> {
    if (this.ws.busy) throw new Error(this.ws.busy);
    const next = this.build();
    const modelDropped = await this.ws.replaceDataset(next);
    this.discard();
    const notice = (await this.options.committed?.(next)) ?? null;
    return { loaded: { ...this.ws.loaded(), notice }, modelDropped };
  }

  /** The dataset the last successful prepare() described; throws when there is none (or it went stale). */
  build(): DatasetState {
    const r = this.ready;
    if (!r) throw DataError.about(undefined, 'there is no checked upload to use: open a click log and wait for its preview');
    this.split = null;
    const { name, log, report, meta, metaName, nHeldout, minUserClicks } = r;
    return datasetFromRecipe({ name, log, report, meta, metaName, split: { nHeldout, minUserClicks } });
  }
}
