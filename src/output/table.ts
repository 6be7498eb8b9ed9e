// One table, two renderings: aligned plain text for terminals and text/plain outputs, and an escaped
// <table> for the notebook's rich view. Pure, so tests and the scanner can use it without a kernel.

/** Records (any object; its keys are the columns, so interfaces fit too) or [key, value] pairs. */
export type TableRows = ReadonlyArray<object> | ReadonlyArray<readonly [string, unknown]>;

export interface TableOptions {
  /** Columns to show, in order; default: every key, in order of first appearance. */
  columns?: readonly string[];
  /** Header names for [key, value] pairs; default ['KEY', 'VALUE'] like `vault read`. */
  pairHeaders?: readonly [string, string];
  /** Cut text cells longer than this with …; the HTML keeps the whole value. Default 100. */
  maxWidth?: number;
  /** Applied to every rendered cell, e.g. redactText, before padding and escaping. */
  cell?: (text: string) => string;
}

export interface Table {
  text: string;
  html: string;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Renders one value the way a reader expects in a cell: strings as-is, objects as compact JSON. */
export function renderCell(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (typeof value === 'object' && value !== null) {
    try {
      return JSON.stringify(value, (_key, inner: unknown) => (typeof inner === 'bigint' ? inner.toString() : inner));
    } catch {
      return String(value);
    }
  }
  return String(value);
}

const width = (text: string) => [...text].length;

function clip(text: string, max: number): string {
  const flat = text.replace(/\r?\n/g, '\\n').replace(/\t/g, ' ');
  const chars = [...flat];
  return chars.length > max ? `${chars.slice(0, Math.max(1, max - 1)).join('')}…` : flat;
}

function isPairs(rows: TableRows): rows is ReadonlyArray<readonly [string, unknown]> {
  return rows.length > 0 && (rows as readonly unknown[]).every((row) => Array.isArray(row));
}

/** Lays rows out as a table for both outputs; the notebook shows the HTML, exports and logs keep the text. */
export function toTable(rows: TableRows, options: TableOptions = {}): Table {
  const transform = options.cell ?? ((text: string) => text);
  let columns: string[];
  let cells: string[][];
  if (isPairs(rows)) {
    columns = [...(options.pairHeaders ?? ['KEY', 'VALUE'])];
    cells = rows.map(([key, value]) => [transform(String(key)), transform(renderCell(value))]);
  } else {
    const records = rows as ReadonlyArray<Readonly<Record<string, unknown>>>;
    columns = options.columns ? [...options.columns] : [...new Set(records.flatMap((row) => Object.keys(row)))];
    cells = records.map((row) => columns.map((column) => transform(renderCell(row[column]))));
  }
  const max = options.maxWidth ?? 100;
  const textCells = cells.map((row) => row.map((cell) => clip(cell, max)));
  const widths = columns.map((column, i) => Math.max(width(column), ...textCells.map((row) => width(row[i] ?? ''))));
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - width(cell))))
      .join('  ')
      .trimEnd();
  const text = [line(columns), line(widths.map((w) => '-'.repeat(w))), ...textCells.map(line)].join('\n');

  const style = 'text-align:left;vertical-align:top';
  const th = columns.map((column) => `<th style="${style}">${escapeHtml(column)}</th>`).join('');
  const body = cells
    .map(
      (row) =>
        `<tr>${row.map((cell) => `<td style="${style};white-space:pre-wrap">${escapeHtml(cell)}</td>`).join('')}</tr>`,
    )
    .join('');
  const html = `<table><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
  return { text, html };
}
