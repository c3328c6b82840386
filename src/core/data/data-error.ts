/** One thing wrong with an input file; `line` is 1-based, 0 when it concerns the whole file. */
export interface DataProblem {
  line: number;
  message: string;
}

const MAX_LISTED = 5;

/** A user-facing error about an input file: its message is shown as is, never a stack trace. */
export class DataError extends Error {
  readonly file?: string;
  readonly problems: DataProblem[];
  readonly totalProblems: number;

  constructor(problems: DataProblem[], options: { file?: string; totalProblems?: number } = {}) {
    const total = options.totalProblems ?? problems.length;
    super(formatProblems(problems, total, options.file));
    this.name = 'DataError';
    this.file = options.file;
    this.problems = problems;
    this.totalProblems = total;
  }

  /** An error about the whole file rather than one line. */
  static about(file: string | undefined, message: string): DataError {
    return new DataError([{ line: 0, message }], { file });
  }

  static atLine(file: string | undefined, line: number, message: string): DataError {
    return new DataError([{ line, message }], { file });
  }
}

function formatProblems(problems: DataProblem[], total: number, file?: string): string {
  const lines = problems.map((p) => {
    const where = [file, p.line > 0 ? `line ${p.line}` : ''].filter(Boolean).join(' ');
    return where ? `${where}: ${p.message}` : p.message;
  });
  const more = total - problems.length;
  if (more > 0) lines.push(`… and ${more} more problem${more === 1 ? '' : 's'}`);
  return lines.join('\n');
}

/** Collects line problems while a file is read: keeps the first few, counts them all. */
export class ProblemLog {
  private readonly listed: DataProblem[] = [];
  private total = 0;

  constructor(private readonly file?: string) {}

  add(line: number, message: string): void {
    this.total++;
    if (this.listed.length < MAX_LISTED) this.listed.push({ line, message });
  }

  get count(): number {
    return this.total;
  }

  throwIfAny(): void {
    if (this.total > 0) {
      throw new DataError(this.listed.slice(), { file: this.file, totalProblems: this.total });
    }
  }
}
