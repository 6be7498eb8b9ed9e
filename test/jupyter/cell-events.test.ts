import { describe, expect, it } from 'vitest';
import { parseCellEvent } from '../../src/jupyter/cell-events.js';

describe('parseCellEvent', () => {
  it("reads the runner's start and done lines", () => {
    expect(parseCellEvent('{"event": "start", "notebook": 1, "index": 3, "position": 2, "of": 5}')).toEqual({
      event: 'start',
      notebook: 1,
      index: 3,
      position: 2,
      of: 5,
    });
    expect(parseCellEvent('{"event": "done", "notebook": 0, "index": 3, "status": "error", "seconds": 0.81}')).toEqual({
      event: 'done',
      notebook: 0,
      index: 3,
      status: 'error',
      seconds: 0.81,
    });
    // An event without a notebook number belongs to the first notebook of the series.
    expect(parseCellEvent('{"event": "done", "index": 3, "status": "ok", "seconds": 1}')).toMatchObject({
      notebook: 0,
    });
  });

  it('ignores kernel noise, broken JSON and objects that are not events', () => {
    expect(parseCellEvent('cell 2/5 (#3) running')).toBeUndefined();
    expect(parseCellEvent('{"event": "start", "index": 3')).toBeUndefined();
    expect(parseCellEvent('{"event": "done", "index": "3", "status": "ok", "seconds": 1}')).toBeUndefined();
    expect(parseCellEvent('{"level": "warning"}')).toBeUndefined();
  });
});
