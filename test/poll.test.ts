import { describe, expect, it } from 'vitest';
import { LabError } from '../src/errors.js';
import { poll, repeat } from '../src/poll.js';

describe('repeat', () => {
  it('asks until the answer is accepted', async () => {
    let calls = 0;
    expect(
      await repeat(
        async () => ++calls,
        (n) => n >= 3,
        { timeoutMs: 5000, intervalMs: 1 },
      ),
    ).toEqual({ answer: 3, done: true });
  });

  it('returns the last answer, not accepted, when the deadline passes', async () => {
    expect(
      await repeat(
        async () => 'still no',
        () => false,
        { timeoutMs: 10, intervalMs: 1 },
      ),
    ).toEqual({ answer: 'still no', done: false });
  });

  it('asks once even with no time at all', async () => {
    expect(
      await repeat(
        async () => 'yes',
        (a) => a === 'yes',
        { timeoutMs: 0 },
      ),
    ).toEqual({ answer: 'yes', done: true });
  });
});

describe('poll', () => {
  it('returns the first value that is not undefined', async () => {
    const answers = [undefined, undefined, 'filled'];
    await expect(
      poll(async () => answers.shift(), { timeoutMs: 5000, intervalMs: 1, timedOut: () => new Error('never') }),
    ).resolves.toBe('filled');
  });

  it('throws the timeout error it was given, with its fix', async () => {
    const timedOut = () => new LabError('The Secret was not filled within 0.01s.', 'check kube-controller-manager');
    await expect(poll(async () => undefined, { timeoutMs: 10, intervalMs: 1, timedOut })).rejects.toThrow(
      /not filled[\s\S]*Fix: check kube-controller-manager/,
    );
  });

  it('stops at once when an attempt throws', async () => {
    let calls = 0;
    const attempt = async () => {
      calls++;
      throw new LabError('etcd exited during start-up.', 'read its log');
    };
    await expect(
      poll(attempt, { timeoutMs: 5000, intervalMs: 1, timedOut: () => new Error('timed out') }),
    ).rejects.toThrow('etcd exited');
    expect(calls).toBe(1);
  });
});
