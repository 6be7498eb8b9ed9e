import { describe, expect, it } from 'vitest';
import { cellReporter } from '../../../src/record/notebooks/record-notebooks.js';

describe('cellReporter', () => {
  it('shows the running cell of each notebook in a series and logs each finished one with its position', () => {
    const updates: string[] = [];
    const logged: string[] = [];
    const report = cellReporter(
      ['00-a.ipynb', '01-b.ipynb'],
      (line) => logged.push(line),
      (detail) => updates.push(detail),
    );
    report('{"event": "start", "notebook": 0, "index": 4, "position": 2, "of": 7}');
    report('some kernel warning');
    report('{"event": "done", "notebook": 0, "index": 4, "status": "error", "seconds": 1.25}');
    report('{"event": "start", "notebook": 1, "index": 4, "position": 1, "of": 3}');
    report('{"event": "done", "notebook": 1, "index": 4, "status": "ok", "seconds": 0.2}');
    expect(updates).toEqual(['00-a.ipynb cell 2/7 (#4)', '01-b.ipynb cell 1/3 (#4)']);
    expect(logged).toEqual([
      '     00-a.ipynb',
      '     ✗ cell 2/7 (#4) error in 1.3s',
      '     01-b.ipynb',
      '     ✓ cell 1/3 (#4) ok in 0.2s',
    ]);
  });
});
