// The command-line tools of the article's terminal path that the lab does not provide: curl. (kubectl and
// vault are lab binaries, checked by checks/binaries.ts, and `.lab/env` puts them on PATH.)
import { whyFailed, type Check, type CheckResult } from '../../check.js';
import { run } from '../../exec.js';

/** A check that runs `file args` and reads a version from its output; a failure keeps its reason. */
function toolCheck(description: string, file: string, args: string[], version: RegExp, advice: string): Check {
  return {
    description,
    async run(): Promise<CheckResult> {
      try {
        const { stdout } = await run(file, args, { timeoutMs: 10_000 });
        return { ok: true, found: version.exec(stdout)?.[1] ?? stdout.split('\n')[0] ?? '' };
      } catch (error) {
        return { ok: false, optional: true, found: whyFailed(error), advice };
      }
    },
  };
}

export const curlCheck = toolCheck(
  'curl (the terminal path and `record`)',
  'curl',
  ['--version'],
  /^(curl \S+)/,
  'install curl (Debian: apt-get install curl) to follow the terminal path and run `npm run lab -- record`',
);
