import { describe, expect, it } from 'vitest';
import { parseCellEvent } from '../../src/jupyter/cell-events.js';

describe('parseCellEvent', () => {
  it("reads the runner's start and done lines", () => {
    expect(parseCellEvent('{"event": "start", "index": 3, "position": 2, "of": 5}')).toEqual({ event: 'start', index: 3, position: 2, of: 5 });
    expect(parseCellEvent('{"event": "done", "index": 3, "status": "error", "seconds": 0.81}')).toEqual({ event: 'done', index: 3, status: 'error', seconds: 0.81 });
  });

  it('ignores kernel noise, broken JSON and objects that are not events', () => {
    expect(parseCellEvent('cell 2/5 (#3) running')).toBeUndefined();
    expect(parseCellEvent('{"event": "start", "index": 3')).toBeUndefined();
    expect(parseCellEvent('{"event": "done", "index": "3", "status": "ok", "seconds": 1}')).toBeUndefined();
    expect(parseCellEvent('{"level": "warning"}')).toBeUndefined();
  });
});
