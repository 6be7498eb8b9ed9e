// Scratch directories in the system's temp dir for one test file, removed together in its afterAll.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

/** A new directory named NAME-XXXXXX, which removeTempDirs() removes. */
export function tempDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `${name}-`));
  made.push(dir);
  return dir;
}

/** Removes every directory tempDir made in this test file (rosters and env bundles among them hold tokens). */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
