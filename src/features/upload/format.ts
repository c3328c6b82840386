/** Thousands separators fixed to en-US so the numbers read the same everywhere (and in tests). */
export const count = (n: number): string => n.toLocaleString('en-US');

export function bytes(n: number | null): string {
  if (n === null) return 'size unknown';
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} GB`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} MB`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(0)} kB`;
  return `${n} B`;
}

export const DELIMITERS: { value: string; label: string }[] = [
  { value: ',', label: 'comma ( , )' },
  { value: '\t', label: 'tab' },
  { value: ';', label: 'semicolon ( ; )' },
  { value: '::', label: 'double colon ( :: )' },
  { value: '|', label: 'pipe ( | )' },
  { value: ' ', label: 'space' },
];

export function delimiterLabel(d: string): string {
  return DELIMITERS.find((x) => x.value === d)?.label ?? JSON.stringify(d);
}
