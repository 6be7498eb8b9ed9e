// What every phase of the node image build shares: one log file per phase, commands streamed into it,
// and a cache key from the phase's inputs.
import { createHash } from 'node:crypto';
import { createWriteStream, readdirSync, readFileSync, statSync, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Reporter } from '../../src/binaries/gobuild.js';
import { shellQuote } from '../../src/errors.js';
import { run, type RunResult } from '../../src/exec.js';
import { nodeCacheDir } from './versions.js';

export interface Phase {
  reporter: Reporter;
  logPath: string;
  /** Runs a command with its output in the phase log; a failure names the log. */
  sh(file: string, args: readonly string[], opts?: { input?: string; cwd?: string }): Promise<RunResult>;
}

/** Opens the log of one phase, so a failure can name the file that holds the whole story. */
export async function openPhase(name: string, reporter: Reporter): Promise<Phase & { close(): Promise<void> }> {
  const logPath = join(nodeCacheDir(), 'logs', `node-image-${name}.log`);
  await mkdir(join(nodeCacheDir(), 'logs'), { recursive: true });
  const log: WriteStream = createWriteStream(logPath, { flags: 'w' });
  return {
    reporter,
    logPath,
    async sh(file, args, opts = {}) {
      log.write(`\n$ ${shellQuote([file, ...args])}\n`);
      return run(file, args, {
        input: opts.input,
        cwd: opts.cwd,
        onLine: (line) => log.write(`${line}\n`),
        fix: `read the full output in ${logPath}`,
      });
    },
    close: () => new Promise((done) => log.end(done)),
  };
}

/** A short hash of strings and files (directories recursively), naming a product by everything it is made of. */
export function inputKey(parts: readonly string[], paths: readonly string[] = []): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(`${part}\0`);
  const walk = (path: string, name: string): void => {
    if (statSync(path).isDirectory()) {
      for (const entry of readdirSync(path).sort()) walk(join(path, entry), `${name}/${entry}`);
      return;
    }
    hash.update(`${name}\0${statSync(path).mode & 0o777}\0`);
    hash.update(readFileSync(path));
  };
  for (const path of paths) walk(path, basename(path));
  return hash.digest('hex').slice(0, 12);
}
