import { describe, expect, it } from 'vitest';
import { notebookProblems, type Notebook, type NotebookCell } from '../../src/jupyter/notebooks.js';

const code = (source: string, outputs: NotebookCell['outputs'], execution_count: number | null = 1): NotebookCell => ({ cell_type: 'code', source, outputs, execution_count });
const nb = (...cells: NotebookCell[]): Notebook => ({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 });

describe('notebookProblems', () => {
  it('accepts a clean run', () => {
    const ran = nb({ cell_type: 'markdown', source: '# hi' }, code('1 + 1', [{ output_type: 'execute_result', data: { 'text/plain': '2' } }]));
    expect(notebookProblems(ran, [{ index: 1, status: 'ok', seconds: 0.1 }])).toEqual([]);
  });

  it('fails on a TypeScript diagnostic printed as stderr text, and on the cells the kernel then skipped', () => {
    const ran = nb(
      code(`const n: number = 'x';`, [{ output_type: 'stream', name: 'stderr', text: "1:7 - Type 'string' is not assignable to type 'number'.\n" }], 1),
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
    expect(notebookProblems(ran).map((p) => p.problem)).toEqual(['error output: Error: boom', 'never executed (no execution count)']);
  });

  it('does not mistake ordinary stderr for a compile error', () => {
    const ran = nb(code('console.error("note")', [{ output_type: 'stream', name: 'stderr', text: 'note: 12 seconds\n' }]));
    expect(notebookProblems(ran, [{ index: 0, status: 'ok', seconds: 0 }])).toEqual([]);
  });
});
