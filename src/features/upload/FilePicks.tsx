import { useId, useRef } from 'react';
import type { UploadEntry, UploadListing, UploadPicks } from '../../protocol/upload';
import { addFiles, removeFile, setPick } from './upload-actions';
import { bytes } from './format';

const ROLE: Record<UploadEntry['role'], string> = { clicks: 'click log', metadata: 'item metadata', genres: 'genre names', other: '' };

function EntrySelect({
  label,
  hint,
  role,
  listing,
  picks,
  optional,
}: {
  label: string;
  hint: string;
  role: keyof UploadPicks;
  listing: UploadListing;
  picks: UploadPicks;
  optional: boolean;
}) {
  const id = useId();
  return (
    <div className="import-pick">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={picks[role] ?? ''} onChange={(e) => setPick(role, e.target.value || null)} data-testid={`pick-${role}`}>
        {(optional || picks[role] === null) && <option value="">{optional ? 'none' : 'choose a file…'}</option>}
        {listing.entries.map((e) => (
          <option key={e.id} value={e.id}>
            {e.label}
            {e.size !== null ? ` (${bytes(e.size)})` : ''}
            {e.role !== 'other' && e.role !== role ? ` — looks like ${ROLE[e.role]}` : ''}
          </option>
        ))}
      </select>
      <small className="muted">{hint}</small>
    </div>
  );
}

/** The chosen files (add more, remove one) and which of them (or of the files inside an archive) is the click log and the metadata. */
export function FilePicks({ files, listing, picks }: { files: File[]; listing: UploadListing | null; picks: UploadPicks }) {
  const input = useRef<HTMLInputElement>(null);
  const metaName = listing?.entries.find((e) => e.id === picks.metadata)?.name.toLowerCase();
  return (
    <section className="import-files" aria-label="Files">
      <div className={`import-dropzone${files.length ? ' compact' : ''}`}>
        <p>
          <strong>Drop files anywhere on the page</strong>, or{' '}
          <button type="button" className="link" onClick={() => input.current?.click()} data-testid="upload-choose">
            choose files…
          </button>
        </p>
        <p className="muted">
          A click log — MovieLens <code>u.data</code>, <code>ratings.dat</code>, <code>ratings.csv</code>, or any CSV/TSV of user, item[,
          rating[, time]] — and, optionally, item metadata (<code>movies.csv</code>, <code>u.item</code> + <code>u.genre</code>, or
          item,title[,category]). .zip and .gz archives such as <code>ml-100k.zip</code> are opened for you.
        </p>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          data-testid="upload-input"
          onChange={(e) => {
            const chosen = [...(e.target.files ?? [])];
            e.target.value = '';
            if (chosen.length) void addFiles(chosen);
          }}
        />
      </div>
      {files.length > 0 && (
        <ul className="import-file-list" aria-label="Chosen files">
          {files.map((f, i) => (
            <li key={`${f.name}:${f.size}:${f.lastModified}`}>
              <span className="import-file-name">{f.name}</span> <span className="muted">{bytes(f.size)}</span>
              <button type="button" className="link quiet" aria-label={`Remove ${f.name}`} onClick={() => void removeFile(i)}>
                remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {listing && listing.entries.length > 0 && (
        <div className="import-picks">
          <EntrySelect
            label="Click log"
            hint="one row per (user, item) interaction"
            role="clicks"
            listing={listing}
            picks={picks}
            optional={false}
          />
          <EntrySelect
            label="Item metadata"
            hint="titles and categories, shown as text"
            role="metadata"
            listing={listing}
            picks={picks}
            optional
          />
          {metaName === 'u.item' && (
            <EntrySelect
              label="Genre names"
              hint="u.genre names u.item's 19 flags (standard names without it)"
              role="genres"
              listing={listing}
              picks={picks}
              optional
            />
          )}
        </div>
      )}
    </section>
  );
}
