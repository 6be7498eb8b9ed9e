// The runner itself, against the real tslab kernel: a broken cell must fail the run, however tslab reports it.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cellText, executeNotebook, executeNotebooks } from '../../src/jupyter/notebooks.js';
import { repoRoot } from '../../src/paths.js';

const dir = mkdtempSync(join(tmpdir(), 'lab-runner-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function notebook(name: string, ...sources: string[]): string {
  const path = join(dir, name);
  const cells = sources.map((source) => ({
    cell_type: 'code',
    metadata: {},
    execution_count: null,
    outputs: [],
    source,
  }));
  writeFileSync(
    path,
    JSON.stringify({
      cells,
      metadata: { kernelspec: { name: 'tslab', display_name: 'TypeScript', language: 'typescript' } },
      nbformat: 4,
      nbformat_minor: 5,
    }),
  );
  return path;
}

describe('headless notebook runner', () => {
  it('passes a notebook whose cells all run', async () => {
    const { problems, notebook: ran } = await executeNotebook(
      notebook('ok.ipynb', 'const n: number = 40 + 2;\nconsole.log(n);', 'console.log(n * 2);'),
    );
    expect(problems).toEqual([]);
    expect(ran.cells.map((c) => c.execution_count)).toEqual([1, 2]);
  });

  it('fails on a TypeScript error, which tslab prints as stderr text, and on the cells it then skips', async () => {
    const { problems } = await executeNotebook(
      notebook('type-error.ipynb', `const n: number = 'forty-two';`, 'console.log("never printed");'),
    );
    expect(problems.map((p) => [p.index, p.problem])).toEqual(
      expect.arrayContaining([
        [0, 'TypeScript compile error'],
        [1, 'skipped by the kernel after an earlier failure'],
      ]),
    );
  });

  it('fails on a runtime error, such as a wrong expected status', async () => {
    const { problems } = await executeNotebook(
      notebook(
        'throws.ipynb',
        'const status: number = Number("403");\nif (status !== 201) throw new Error(`expected 201, got ${status}`);',
      ),
    );
    expect(problems.map((p) => p.problem)).toContain('the kernel reported an error');
    expect(problems[0]?.output).toContain('expected 201, got 403');
  });

  it('runs a series in order, each notebook in its own fresh kernel, started while the one before ran', async () => {
    const SLEEP_S = 3;
    const pid = 'console.log(`pid ${process.pid}`);';
    const results = await executeNotebooks([
      notebook('broken.ipynb', 'const n: number = "forty-two";', pid),
      notebook('first.ipynb', pid, `await new Promise((done) => setTimeout(done, ${SLEEP_S * 1000}));`),
      notebook('last.ipynb', pid, 'console.log(`uptime ${process.uptime()}`);'),
    ]);
    // A failed notebook does not stop the series: each result is judged on its own.
    expect(results[0]?.problems.map((p) => p.problem)).toContain('TypeScript compile error');
    expect(results.slice(1).map((r) => r.problems)).toEqual([[], []]);
    expect(results.map((r) => r.notebook.cells[0]?.execution_count)).toEqual([1, 1, 1]);
    const [, first, last] = results.map((r) => r.notebook.cells.map((c) => cellText(c)).join(''));
    expect(first?.match(/pid (\d+)/)?.[1]).not.toEqual(last?.match(/pid (\d+)/)?.[1]);
    // The last kernel started as the notebook before it began, so it was up while that one slept.
    expect(Number(last?.match(/uptime ([\d.]+)/)?.[1])).toBeGreaterThan(SLEEP_S);
  });

  it('names the cell where the runner itself stopped (a cell past the timeout), and runs the next notebook in a kernel of its own', async () => {
    const results = await executeNotebooks(
      [
        notebook(
          'hangs.ipynb',
          'console.log("before");',
          'await new Promise((done) => setTimeout(done, 600_000));',
          'console.log("after");',
        ),
        notebook('next.ipynb', 'console.log("next runs");'),
      ],
      // A budget the first cell keeps on a busy machine too: tslab's first cell also starts its compiler.
      { timeoutSeconds: 20 },
    );
    const stopped = results[0]?.problems.find((p) => p.problem.startsWith('the runner stopped here:'));
    expect(stopped?.index).toBe(1);
    expect(stopped?.problem).toMatch(/the runner stopped here: CellTimeoutError: .*20 seconds/);
    expect(stopped?.source).toContain('setTimeout(done, 600_000)');
    expect(results[1]?.problems).toEqual([]);
  });

  describe('a kernel that dies before the first cell (as kernels started side by side can)', () => {
    /**
     * A tslab kernelspec, found first through JUPYTER_PATH, whose first `deaths` kernels exit at once and whose
     * next ones are the real tslab; returns the environment that selects it and the count of kernels started.
     */
    function dyingKernels(deaths: number) {
      const jupyter = mkdtempSync(join(dir, 'jupyter-'));
      const starts = join(jupyter, 'starts');
      const wrapper = join(jupyter, 'kernel.cjs');
      writeFileSync(starts, '');
      writeFileSync(
        wrapper,
        [
          "const fs = require('node:fs');",
          `fs.appendFileSync(${JSON.stringify(starts)}, 'x');`,
          `if (fs.readFileSync(${JSON.stringify(starts)}, 'utf8').length <= ${deaths}) process.exit(1);`,
          'const [tslab, ...args] = process.argv.slice(2);',
          "const child = require('node:child_process').spawn(tslab, args, { stdio: 'inherit' });",
          "child.on('exit', (code) => process.exit(code ?? 1));",
          "process.on('SIGTERM', () => child.kill('SIGTERM'));",
        ].join('\n'),
      );
      mkdirSync(join(jupyter, 'kernels', 'tslab'), { recursive: true });
      const tslab = join(repoRoot, 'node_modules', '.bin', 'tslab');
      writeFileSync(
        join(jupyter, 'kernels', 'tslab', 'kernel.json'),
        JSON.stringify({
          argv: [process.execPath, wrapper, tslab, 'kernel', '--config-path', '{connection_file}'],
          display_name: 'TypeScript',
          language: 'typescript',
        }),
      );
      return { env: { JUPYTER_PATH: jupyter }, started: () => readFileSync(starts, 'utf8').length };
    }

    it('is replaced by a fresh kernel, once, and the notebook runs from its first cell', async () => {
      const kernels = dyingKernels(1);
      const progress: string[] = [];
      const { problems, notebook: ran } = await executeNotebook(notebook('retried.ipynb', 'console.log("ran");'), {
        env: kernels.env,
        onProgress: (line) => progress.push(line),
      });
      expect(problems).toEqual([]);
      expect(ran.cells[0]?.execution_count).toBe(1);
      expect(kernels.started()).toBe(2);
      expect(progress.join('\n')).toMatch(/"event": "retry", "notebook": 0, "reason": "RuntimeError: Kernel died/);
    });

    it('is named on the first code cell when the second kernel dies too', async () => {
      const kernels = dyingKernels(2);
      const { problems } = await executeNotebook(notebook('dies.ipynb', '// a comment', 'console.log("never");'), {
        env: kernels.env,
      });
      expect(problems[0]?.index).toBe(0);
      expect(problems[0]?.problem).toMatch(
        /^the runner stopped here: the kernel failed before the first cell: RuntimeError: Kernel died/,
      );
      expect(problems.slice(1).map((p) => [p.index, p.problem])).toEqual([
        [0, 'never executed (no execution count)'],
        [1, 'never executed (no execution count)'],
      ]);
      expect(kernels.started()).toBe(2);
    });
  });
});
