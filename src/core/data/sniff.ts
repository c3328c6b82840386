/** What a file's first bytes say it is, when that is not a text click log. */

const startsWith = (head: Uint8Array, bytes: number[], at = 0) => bytes.every((b, i) => head[at + i] === b);

/** A file that is not text (or not a table) named as what it is, or null when it may be a text table. */
export function nonTableKind(head: Uint8Array): string | null {
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46])) return 'a PDF document';
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'a Microsoft Office 97–2003 file (.xls or .doc)';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47])) return 'a PNG image';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'a JPEG image';
  if (startsWith(head, [0x47, 0x49, 0x46, 0x38])) return 'a GIF image';
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && startsWith(head, [0x57, 0x45, 0x42, 0x50], 8)) return 'a WebP image';
  if (startsWith(head, [0x42, 0x5a, 0x68])) return 'a bzip2-compressed file (only .gz and .zip are read)';
  if (startsWith(head, [0x37, 0x7a, 0xbc, 0xaf])) return 'a 7-Zip archive (only .gz and .zip are read)';
  if (startsWith(head, [0x52, 0x61, 0x72, 0x21])) return 'a RAR archive (only .gz and .zip are read)';
  if (startsWith(head, [0x28, 0xb5, 0x2f, 0xfd])) return 'a Zstandard-compressed file (only .gz and .zip are read)';
  if (startsWith(head, [0x50, 0x41, 0x52, 0x31])) return 'a Parquet file';
  if (startsWith(head, [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65])) return 'an SQLite database';
  return null;
}

/** What an archive's entry names say it is (an Office document is a zip of XML parts). */
export function officeKind(paths: string[]): string | null {
  if (!paths.includes('[Content_Types].xml')) return null;
  if (paths.some((p) => p.startsWith('xl/'))) return 'an Excel workbook (.xlsx)';
  if (paths.some((p) => p.startsWith('word/'))) return 'a Word document (.docx)';
  if (paths.some((p) => p.startsWith('ppt/'))) return 'a PowerPoint presentation (.pptx)';
  return 'an Office Open XML document';
}

/** A text that is a document of another kind (HTML, JSON, XML), named, or null. */
export function nonTableText(text: string): string | null {
  const start = text
    .replace(/^\ufeff/, '')
    .trimStart()
    .slice(0, 200)
    .toLowerCase();
  if (start.startsWith('<!doctype html') || start.startsWith('<html')) return 'an HTML page (perhaps a download that failed)';
  if (start.startsWith('<?xml') || start.startsWith('<')) return 'an XML document';
  if (start.startsWith('{') || start.startsWith('[')) return 'JSON';
  return null;
}

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/**
 * The encoding of a text file from its first bytes: a BOM settles it; without one, NUL bytes at
 * every other position of ASCII-range text mean UTF-16 (as Excel's "Unicode text" writes it).
 */
export function detectEncoding(head: Uint8Array): TextEncoding {
  if (startsWith(head, [0xff, 0xfe])) return 'utf-16le';
  if (startsWith(head, [0xfe, 0xff])) return 'utf-16be';
  const n = Math.min(head.length & ~1, 512);
  if (n < 4) return 'utf-8';
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (head[i] === 0) evenNul++;
    if (head[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > 0.9 * pairs && evenNul === 0) return 'utf-16le';
  if (evenNul > 0.9 * pairs && oddNul === 0) return 'utf-16be';
  return 'utf-8';
}
