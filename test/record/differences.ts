// Comparing a fresh recording with the committed one, file by file.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Files that differ between two folders, with the first differing line of each, for a readable failure. */
export function differences(expected: string, actual: string, ignore: readonly string[] = []): string[] {
  const names = [...new Set([...readdirSync(expected), ...readdirSync(actual)])]
    .filter((n) => !ignore.includes(n))
    .sort();
  return names.flatMap((name) => {
    const a = join(expected, name);
    const b = join(actual, name);
    if (!existsSync(a)) return [`${name}: not in ${expected}`];
    if (!existsSync(b)) return [`${name}: not in ${actual}`];
    const left = readFileSync(a, 'utf8').split('\n');
    const right = readFileSync(b, 'utf8').split('\n');
    const line = left.findIndex((l, i) => l !== right[i]);
    if (line === -1 && left.length === right.length) return [];
    const at = line === -1 ? Math.min(left.length, right.length) : line;
    return [`${name}:${at + 1}\n  - ${(left[at] ?? '').slice(0, 200)}\n  + ${(right[at] ?? '').slice(0, 200)}`];
  });
}
