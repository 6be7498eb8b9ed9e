import { describe, expect, it } from 'vitest';
import { cellReporter } from '../../src/record/cells.js';

describe('cellReporter', () => {
  it('shows the running cell and logs each finished one with its position', () => {
    const updates: string[] = [];
    const logged: string[] = [];
    const report = cellReporter((line) => logged.push(line), (detail) => updates.push(detail));
    report('{"event": "start", "index": 4, "position": 2, "of": 7}');
    report('some kernel warning');
    report('{"event": "done", "index": 4, "status": "error", "seconds": 1.25}');
    expect(updates).toEqual(['cell 2/7 (#4)']);
    expect(logged).toEqual(['     ✗ cell 2/7 (#4) error in 1.3s']);
  });
});
