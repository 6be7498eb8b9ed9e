// The committed recordings, read as a learner reads them: every output went through the lab's renderers,
// so none is a raw object dump with terminal colour codes (what tslab prints for a value a cell returns).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cellText, type Notebook } from '../../src/jupyter/notebooks.js';
import { repoRoot } from '../../src/paths.js';

const dirs = ['recordings', 'recordings/kind'];
const recorded = dirs.flatMap((d) =>
  readdirSync(join(repoRoot, d))
    .filter((f) => f.endsWith('.ipynb'))
    .map((f) => join(d, f)),
);

describe('the committed recordings', () => {
  it('are there for both backends', () => {
    expect(recorded.filter((f) => f.startsWith('recordings/kind/')).length).toBeGreaterThanOrEqual(7);
  });

  it.each(recorded)('%s shows no raw value with terminal colour codes', (file) => {
    const nb = JSON.parse(readFileSync(join(repoRoot, file), 'utf8')) as Notebook;
    const raw = nb.cells.flatMap((c, i) =>
      cellText(c).includes('\u001b[') ? [`cell ${i}: ${cellText(c).slice(0, 80)}`] : [],
    );
    expect(raw).toEqual([]);
  });
});
