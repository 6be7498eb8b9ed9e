// The CLI as a learner runs it, in a child process: what it prints on stderr and its exit status.
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../src/paths.js';

const lab = (...args: string[]) =>
  execa(process.execPath, ['--import', 'tsx', join(repoRoot, 'src', 'cli', 'main.ts'), ...args], {
    cwd: repoRoot,
    reject: false,
    env: { NO_COLOR: '1' },
  });

describe('lab CLI', () => {
  it('answers an unknown flag with the lab error, the fix and the usage text, not a TypeError', async () => {
    const { exitCode, stderr } = await lab('status', '--bogus');
    expect(exitCode).toBe(1);
    expect(stderr).toContain(`ERROR: Unknown option '--bogus'.`);
    expect(stderr).toContain('Usage: npm run lab [-- COMMAND');
    expect(stderr).toContain('Fix: run `npm run lab -- help` and check the flag');
    expect(stderr).not.toContain('TypeError');
    expect(stderr).not.toContain('ERR_PARSE_ARGS');
  });
});
