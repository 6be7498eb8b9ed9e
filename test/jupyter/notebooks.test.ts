import { describe, expect, it } from 'vitest';
import {
  notebookProblems,
  verdicts,
  type Notebook,
  type NotebookCell,
  type NotebookOutput,
} from '../../src/jupyter/notebooks.js';
import { renderers } from '../../src/output/renderers.js';

const code = (source: string, outputs: NotebookCell['outputs'], execution_count: number | null = 1): NotebookCell => ({
  cell_type: 'code',
  source,
  outputs,
  execution_count,
});
// A verdict output exactly as the kernel bridge sends it: the renderer's bundle and metadata.
const shown = (ok: boolean, message: string, expected?: boolean): NotebookOutput => {
  const r = renderers.verdict(ok, message, { expected });
  return { output_type: 'display_data', data: r.bundle, metadata: r.metadata };
};
const nb = (...cells: NotebookCell[]): Notebook => ({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 });

describe('notebookProblems', () => {
  it('accepts a clean run', () => {
    const ran = nb(
      { cell_type: 'markdown', source: '# hi' },
      code('1 + 1', [{ output_type: 'execute_result', data: { 'text/plain': '2' } }]),
    );
    expect(notebookProblems(ran, [{ index: 1, status: 'ok', seconds: 0.1 }])).toEqual([]);
  });

  it('fails on a TypeScript diagnostic printed as stderr text, and on the cells the kernel then skipped', () => {
    const ran = nb(
      code(
        `const n: number = 'x';`,
        [{ output_type: 'stream', name: 'stderr', text: "1:7 - Type 'string' is not assignable to type 'number'.\n" }],
        1,
      ),
      code('console.log(1)', [], 2),
    );
    const problems = notebookProblems(ran, [
      { index: 0, status: 'error', seconds: 0.1 },
      { index: 1, status: 'abort', seconds: 0 },
    ]);
    expect(problems.map((p) => [p.index, p.problem])).toEqual([
      [0, 'the kernel reported an error'],
      [0, 'TypeScript compile error'],
      [1, 'skipped by the kernel after an earlier failure'],
    ]);
  });

  it('fails on an error output and on a code cell that never ran', () => {
    const ran = nb(code('throw 1', [{ output_type: 'error', ename: 'Error', evalue: 'boom' }]), code('x', [], null));
    expect(notebookProblems(ran).map((p) => p.problem)).toEqual([
      'error output: Error: boom',
      'never executed (no execution count)',
    ]);
  });

  it('does not mistake ordinary stderr for a compile error', () => {
    const ran = nb(
      code('console.error("note")', [{ output_type: 'stream', name: 'stderr', text: 'note: 12 seconds\n' }]),
    );
    expect(notebookProblems(ran, [{ index: 0, status: 'ok', seconds: 0 }])).toEqual([]);
  });

  it("fails on a verdict the server's answer turned into ✗, and on a ✓ where the lesson expects ✗", () => {
    const ran = nb(
      code('show.verdict(true, ...)', [shown(true, 'logged in')]),
      code('show.verdict(false, ...)', [shown(false, 'HTTP 403: permission denied')]),
      code('show.verdict(false, ..., { expected: false })', [shown(false, 'can-i: no', false)]),
      code('show.verdict(true, ..., { expected: false })', [shown(true, 'can-i: yes', false)]),
    );
    expect(verdicts(ran).map((v) => [v.index, v.verdict, v.expected])).toEqual([
      [0, true, true],
      [1, false, true],
      [2, false, false],
      [3, true, false],
    ]);
    expect(notebookProblems(ran).map((p) => [p.index, p.problem])).toEqual([
      [1, "the notebook's verdict is not the expected ✓: ✗ HTTP 403: permission denied"],
      [3, "the notebook's verdict is not the expected ✗: ✓ can-i: yes"],
    ]);
  });

  it('reads verdicts from metadata, not from text: a ✗ printed as text is not a verdict', () => {
    const ran = nb(
      code('console.log("✗ x")', [
        { output_type: 'stream', name: 'stdout', text: '✗ x\n' },
        { output_type: 'display_data', data: { 'text/plain': '✗ y' } },
      ]),
    );
    expect(verdicts(ran)).toEqual([]);
    expect(notebookProblems(ran)).toEqual([]);
  });
});
