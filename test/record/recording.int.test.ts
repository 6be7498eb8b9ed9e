// The committed recordings are current: a fresh recording of the test backend (LAB_TEST_BACKEND, local by
// default), made through the shared running lab, equals recordings/ (or recordings/kind/) byte for byte. Changing what one cell shows changes that cell of the
// recording and nothing else, and a failing cell stops the recording without writing anything.
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Notebook } from '../../src/jupyter/notebooks.js';
import { Steps } from '../../src/output/steps.js';
import { repoRoot } from '../../src/paths.js';
import { readState } from '../../src/backends/state.js';
import { LabError } from '../../src/errors.js';
import { parseBackend } from '../../src/cli/args.js';
import { NOTEBOOKS_DIR, record, recordingsDir } from '../../src/lab/record.js';
import { ownedBy } from '../../src/record/notebooks/select.js';
import { differences } from './differences.js';

const scratch = mkdtempSync(join(tmpdir(), 'lab-record-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const progress = new Steps(process.stderr, false);
const backend = parseBackend(process.env.LAB_TEST_BACKEND) ?? 'local';
const committedDir = recordingsDir(backend);

const cellsById = (nb: Notebook) => new Map(nb.cells.map((c) => [(c as { id?: string }).id ?? '', JSON.stringify(c)]));

describe('npm run record', () => {
  it('records exactly what is committed: the recordings are current and reproducible', async () => {
    // recordings/ was made by one run of `npm run record`; this is another, so equality proves both.
    const fresh = join(scratch, 'fresh');
    expect(
      existsSync(committedDir),
      `${committedDir} exists: run \`npm run record -- --backend ${backend}\` and commit it`,
    ).toBe(true);
    // What a recording with Vault in the cluster made (kind's 07) stays, as it does in recordings/kind/.
    mkdirSync(fresh);
    for (const f of readdirSync(committedDir))
      if (ownedBy(f, 'in-cluster') && !ownedBy(f, 'host')) cpSync(join(committedDir, f), join(fresh, f));
    await record({ progress, backend, outDir: fresh, verbose: false });
    // recordings/kind/ is the kind backend's recording, made on its own (README, Recordings).
    const stale = differences(committedDir, fresh, ['kind']);
    expect(
      stale,
      `a fresh recording differs from ${committedDir}. If a notebook changed, run \`npm run record -- --backend ${backend}\` and commit the result; if nothing changed, a value is not normalized yet:\n${stale.join('\n')}`,
    ).toEqual([]);
  }, 1_200_000);

  it('changes exactly the cell whose behaviour changed', async () => {
    const name = '01-the-clusterrole';
    const committed = join(committedDir, `${name}.ipynb`);
    expect(existsSync(committed), `${committed} is committed`).toBe(true);
    // A copy of the notebooks folder where one cell shows only the rule for TokenReviews.
    const notebooks = join(scratch, 'changed', 'notebooks');
    cpSync(NOTEBOOKS_DIR, notebooks, { recursive: true });
    symlinkSync(join(repoRoot, 'dist'), join(scratch, 'changed', 'dist'));
    const path = join(notebooks, `${name}.ipynb`);
    const nb = JSON.parse(readFileSync(path, 'utf8')) as Notebook;
    const cell = nb.cells.find((c) => (c as { id?: string }).id === 'c05');
    expect(cell, 'notebook 01 has the rules-table cell c05').toBeDefined();
    const source = Array.isArray(cell!.source) ? cell!.source.join('') : cell!.source;
    expect(source).toContain('(role.rules ?? [])');
    cell!.source = source.replace(
      '(role.rules ?? [])',
      "(role.rules ?? []).filter((r) => r.resources?.includes('tokenreviews'))",
    );
    writeFileSync(path, JSON.stringify(nb, null, 1));

    const out = join(scratch, 'changed', 'recordings');
    await record({
      progress,
      backend,
      only: ['01'],
      outDir: out,
      notebooksDir: notebooks,
      verbose: false,
      warmUp: false,
    });
    const before = cellsById(JSON.parse(readFileSync(committed, 'utf8')) as Notebook);
    const after = cellsById(JSON.parse(readFileSync(join(out, `${name}.ipynb`), 'utf8')) as Notebook);
    expect([...after.keys()]).toEqual([...before.keys()]);
    const changed = [...before.keys()].filter((id) => before.get(id) !== after.get(id));
    expect(changed).toEqual(['c05']);
    expect(after.get('c05')).not.toContain('subjectaccessreviews');
    expect(before.get('c05')).toContain('subjectaccessreviews');
  }, 600_000);

  it('stops at a failed cell, naming the notebook, the cell and its output (redacted), and writes nothing', async () => {
    const notebooks = join(scratch, 'failing', 'notebooks');
    cpSync(NOTEBOOKS_DIR, notebooks, { recursive: true });
    symlinkSync(join(repoRoot, 'dist'), join(scratch, 'failing', 'dist'));
    const path = join(notebooks, '00-start-here.ipynb');
    const nb = JSON.parse(readFileSync(path, 'utf8')) as Notebook;
    const index = nb.cells.findIndex((c) => (c as { id?: string }).id === 'c04');
    // The cell prints the root token before it fails: the error must not carry it.
    nb.cells[index]!.source = "console.log('root token:', lab.state.vault.token);\nthrow new Error('planted failure');";
    writeFileSync(path, JSON.stringify(nb, null, 1));
    const out = join(scratch, 'failing', 'recordings');

    const error = await record({
      progress,
      backend,
      only: ['00'],
      outDir: out,
      notebooksDir: notebooks,
      verbose: false,
      warmUp: false,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LabError);
    const message = (error as LabError).message;
    expect(message).toContain(`Recording stopped: 00-start-here.ipynb cell #${index} failed`);
    expect(message).toContain('planted failure');
    expect(message).toContain('root token: «redacted Vault root token»');
    expect(message).not.toContain(readState()?.vault.token ?? 'no state');
    expect(existsSync(out)).toBe(false);
  }, 300_000);
});
