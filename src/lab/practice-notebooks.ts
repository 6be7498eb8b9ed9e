// The notebooks as a learner who tries first would run them: each task with one typical wrong attempt and its
// hint, then the solution and a passing check. `record` and the three-state test run these copies; the
// committed notebooks keep their blank "Your turn" cells.
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { practiceVariant, type PracticeState } from '../exercises/variants.js';
import type { Notebook } from '../jupyter/notebooks.js';
import { repoRoot } from '../paths.js';

/** The challenge seed the recordings and the three-state test use: its fault is the missing binding. */
export const RECORDING_SEED = 7;

export interface PracticeNotebooks {
  dir: string;
  remove: () => void;
}

/**
 * A copy of `sourceDir` (pictures included) with every notebook in `state`, beside a link to dist/ so the
 * notebooks' `import '../dist/index.js'` finds the library. `remove` deletes the copy.
 */
export function practiceNotebooks(sourceDir: string, state: PracticeState, seed = RECORDING_SEED): PracticeNotebooks {
  const root = mkdtempSync(join(tmpdir(), 'lab-practice-'));
  const dir = join(root, 'notebooks');
  cpSync(sourceDir, dir, { recursive: true });
  symlinkSync(join(repoRoot, 'dist'), join(root, 'dist'));
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ipynb'))) {
    const nb = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Notebook;
    const variant = practiceVariant(nb, state, seed);
    if (variant !== nb) writeFileSync(join(dir, file), `${JSON.stringify(variant, null, 1)}\n`);
  }
  return { dir, remove: () => rmSync(root, { recursive: true, force: true }) };
}
