import type { UploadFailure } from '../../protocol/upload';

const STAGE: Record<UploadFailure['stage'], string> = {
  files: 'The files could not be opened',
  clicks: 'The click log could not be read',
  metadata: 'The item metadata could not be read',
  preprocessing: 'The data cannot be split this way',
};

/**
 * A failure as DataError words it ("u.data line 17: …", up to five problems and a count), with
 * the offending lines' text folded away. Everything is rendered as text.
 */
export function ProblemReport({ failure }: { failure: UploadFailure }) {
  const lines = failure.message.split('\n');
  const listed = failure.problems.filter((p) => p.line > 0 || failure.problems.length > 1);
  const unlisted = failure.totalProblems - failure.problems.length;
  return (
    <div className="import-problem" role="alert" data-testid={`upload-error-${failure.stage}`}>
      <strong>{STAGE[failure.stage]}</strong>
      <p className="import-problem-first" data-testid="upload-error-message">
        {lines[0]}
        {lines.length > 1 && <span className="muted"> (and {failure.totalProblems - 1} more)</span>}
      </p>
      {listed.length > 0 && (
        <details>
          <summary>
            Show{' '}
            {failure.totalProblems > 1
              ? `the ${failure.problems.length} listed problem${failure.problems.length === 1 ? '' : 's'}`
              : 'the line'}
            {unlisted > 0 ? ` (of ${failure.totalProblems})` : ''}
          </summary>
          <ol className="import-problem-list">
            {failure.problems.map((p, i) => (
              <li key={i}>
                <span className="import-problem-where">{p.line > 0 ? `line ${p.line}` : 'whole file'}</span> {p.message}
                {p.text !== undefined && <code className="import-problem-text">{p.text === '' ? '(empty line)' : p.text}</code>}
              </li>
            ))}
          </ol>
          {unlisted > 0 && (
            <p className="muted">
              … and {unlisted} more problem{unlisted === 1 ? '' : 's'}: only the first {failure.problems.length} are listed. Fix these (or
              check the format options) and open the file again.
            </p>
          )}
        </details>
      )}
    </div>
  );
}
