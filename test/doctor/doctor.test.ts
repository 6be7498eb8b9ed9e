import { describe, expect, it } from 'vitest';
import type { Check } from '../../src/check.js';
import { nodeSatisfies } from '../../src/doctor/checks/node.js';
import { runDoctor } from '../../src/doctor/doctor.js';

function capture() {
  const lines: string[] = [];
  return { lines, log: { info: (m: string) => lines.push(m), warn: (m: string) => lines.push(m) } };
}

const passing: Check = { description: 'passing', run: async () => ({ ok: true, found: 'fine' }) };
const failing: Check = { description: 'failing', run: async () => ({ ok: false, found: 'broken', advice: 'mend it' }) };
const optional: Check = {
  description: 'optional',
  run: async () => ({ ok: false, optional: true, found: 'absent', advice: 'install it if you want' }),
};
const throwing: Check = {
  description: 'throwing',
  run: async () => {
    throw new Error('kaboom');
  },
};

describe('doctor', () => {
  it('passes when only optional checks fail, and counts', async () => {
    const { lines, log } = capture();
    expect(await runDoctor(log, [passing, optional])).toBe(true);
    expect(lines.join('\n')).toContain('1/2 checks passed.');
    expect(lines.join('\n')).toContain('optional: install it if you want');
  });

  it('fails on a failed check and prints its advice', async () => {
    const { lines, log } = capture();
    expect(await runDoctor(log, [passing, failing])).toBe(false);
    expect(lines.join('\n')).toContain('✗ failing: broken');
    expect(lines.join('\n')).toContain('- failing: mend it');
  });

  it('reports a check that throws instead of crashing', async () => {
    const { lines, log } = capture();
    expect(await runDoctor(log, [throwing])).toBe(false);
    expect(lines.join('\n')).toContain('the check itself failed: kaboom');
  });

  it('knows which Node versions the lab needs', () => {
    expect(nodeSatisfies('v20.19.0')).toBe(true);
    expect(nodeSatisfies('v20.18.3')).toBe(false);
    expect(nodeSatisfies('v22.1.0')).toBe(true);
    expect(nodeSatisfies('v18.20.0')).toBe(false);
  });
});
