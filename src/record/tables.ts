// The plain-text tables the display helpers print (a header, a line of dashes, rows in columns two spaces
// apart), found in a block of text and re-aligned after their cells were normalized.
import { CELL } from './placeholder-rules.js';

/** A header over a line of dashes, in two or more columns whose gaps line up: what toTable() prints. */
function isTableHead(header: string, dashes: string): boolean {
  if (!header.trim() || !/^-+(?: {2}-+)+$/.test(dashes)) return false;
  const chars = [...header];
  return [...dashes.matchAll(/ {2}(?=-)/g)].every(
    (m) => chars[m.index ?? 0] === ' ' && chars[(m.index ?? 0) + 1] === ' ',
  );
}

/**
 * Runs `text` over a block and redoes the padding of every table in it, so a column stays aligned when a
 * value (a pid, a nanosecond time) is replaced by a placeholder of another width.
 */
export function realignTables(input: string, text: (plain: string) => string): string {
  const lines = input.replace(/\r\n/g, '\n').split('\n');
  const out: string[] = [];
  let plain: string[] = [];
  const flush = () => {
    if (plain.length) out.push(text(plain.join('\n')));
    plain = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const dashes = lines[i + 1];
    if (dashes === undefined || !isTableHead(lines[i] ?? '', dashes)) {
      plain.push(lines[i] ?? '');
      continue;
    }
    let end = i + 2;
    while (end < lines.length && lines[end]?.trim()) end++;
    flush();
    out.push(realignTable(lines.slice(i, end), dashes, text));
    i = end - 1;
  }
  flush();
  return out.join('\n');
}

function realignTable(lines: string[], dashes: string, text: (plain: string) => string): string {
  const starts = [...dashes.matchAll(/-+/g)].map((m) => m.index ?? 0);
  const split = (line: string) => {
    const chars = [...line];
    return starts.map((start, j) =>
      chars
        .slice(start, j + 1 < starts.length ? (starts[j + 1] ?? 0) - 2 : undefined)
        .join('')
        .trimEnd(),
    );
  };
  const rows = lines.filter((_, k) => k !== 1).map((line) => text(split(line).join(CELL)).split(CELL));
  const widths = starts.map((_, j) => Math.max(...rows.map((row) => [...(row[j] ?? '')].length)));
  const render = (row: string[]) =>
    row
      .map((cell, j) => (j === row.length - 1 ? cell : cell + ' '.repeat((widths[j] ?? 0) - [...cell].length)))
      .join('  ')
      .trimEnd();
  const [header = [], ...body] = rows;
  return [render(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(render)].join('\n');
}
