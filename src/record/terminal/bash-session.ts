// A terminal made of separate bash runs: each command starts a fresh bash that restores the previous
// one's exported variables and directory, so `export TOKEN=$(...)` and `cd` carry over as in one shell.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../exec.js';
import { repoRoot } from '../../paths.js';

const STATUS_MARK = '\n__lab_transcript_status__=';

/**
 * Runs commands as one terminal would: each in bash, with the previous command's exports and directory. The
 * exports, tokens among them, are kept in a directory of their own under `parent`.
 */
export class BashSession {
  readonly dir: string;
  private readonly file: string;

  constructor(parent = tmpdir()) {
    this.dir = mkdtempSync(join(parent, 'lab-transcript-'));
    this.file = join(this.dir, 'session.sh');
  }

  /**
   * Runs one command with the session's exports and directory; returns its output (stdout and stderr) and exit
   * status.
   */
  async run(command: string, timeoutMs = 60_000): Promise<{ output: string; status: number }> {
    const wrapped = [
      'if [ -f "$LAB_SESSION" ]; then . "$LAB_SESSION"; fi',
      `{\n${command}\n} 2>&1`,
      'status=$?',
      '{ export -p; printf "cd %q\\n" "$PWD"; } > "$LAB_SESSION"',
      `printf '${STATUS_MARK.replace('\n', '\\n')}%s' "$status"`,
    ].join('\n');
    const { stdout } = await run('bash', ['-c', wrapped], {
      cwd: repoRoot,
      env: { LAB_SESSION: this.file, LC_ALL: 'C', NO_COLOR: '1' },
      timeoutMs,
      fix: 'check that bash can run and that the lab answers: npm run lab -- status',
    });
    const at = stdout.lastIndexOf(STATUS_MARK);
    return {
      output: at === -1 ? stdout : stdout.slice(0, at),
      status: at === -1 ? 0 : Number(stdout.slice(at + STATUS_MARK.length)),
    };
  }

  /** The scratch directory the session's `cd "$(mktemp -d)"` made, removed with the session. */
  async close(): Promise<void> {
    const { output } = await this.run('pwd').catch(() => ({ output: '' }));
    const pwd = output.trim();
    if (pwd.startsWith(tmpdir()) && pwd !== tmpdir() && /lab-transcript-|tmp\./.test(pwd))
      rmSync(pwd, { recursive: true, force: true });
    rmSync(this.dir, { recursive: true, force: true });
  }
}
