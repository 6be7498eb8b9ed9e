// BashSession against the real bash: exports and the directory carry over from one command to the next.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { BashSession } from '../../../src/record/terminal/bash-session.js';

describe('BashSession', () => {
  it('keeps exports and the directory between commands, with each exit status, and removes its files', async () => {
    const session = new BashSession();
    onTestFinished(() => session.close());
    await session.run('export GREETING="hello there"; cd /tmp');
    expect(await session.run('printf "%s in %s" "$GREETING" "$PWD"')).toEqual({
      output: 'hello there in /tmp',
      status: 0,
    });
    expect(await session.run("sh -c 'echo failing >&2; exit 3'")).toEqual({ output: 'failing\n', status: 3 });
    await session.close();
    expect(existsSync(session.dir)).toBe(false);
  });

  it('keeps its exports under the directory it is given (the lab state a notebook shell uses)', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'bash-session-parent-'));
    onTestFinished(() => rmSync(parent, { recursive: true, force: true }));
    const session = new BashSession(parent);
    await session.run('export TOKEN=secret');
    expect(dirname(session.dir)).toBe(parent);
    expect(readdirSync(session.dir)).toEqual(['session.sh']);
  });
});
