/**
 * CSV (RFC 4180) for reports: quoted where needed, CRLF line ends, a header row.
 */
const cell = (v: unknown): string => {
  const s = v === undefined || v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function toCsv<T extends Record<string, unknown>>(
  rows: readonly T[],
  columns: readonly (keyof T & string)[],
  /** The header's words, by column (the column names when absent). */
  headers?: Partial<Record<keyof T & string, string>>,
): string {
  return [columns.map((c) => cell(headers?.[c] ?? c)).join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\r\n') + '\r\n';
}
