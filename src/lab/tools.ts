// The terminal tools a task may name: `kubectl` and `vault` at the lab's pinned versions, linked into .lab/bin,
// which `.lab/env` puts first on PATH, so `source .lab/env && kubectl ...` never reaches another kubectl.
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { binaryStatus, type BinaryName } from '../binaries/binaries.js';
import { toolsDir } from '../backends/state.js';
import type { Steps } from '../output/steps.js';

export const TERMINAL_TOOLS: readonly BinaryName[] = ['kubectl', 'vault'];

/**
 * Links each tool's binary as .lab/bin/NAME. Nothing is downloaded or built here (`install` does that, and
 * `npm run lab` runs it first): a tool that is missing or of another version is a warning, not a failed `up`.
 */
export async function linkTerminalTools(progress: Steps): Promise<string[]> {
  mkdirSync(toolsDir(), { recursive: true });
  const linked: string[] = [];
  for (const name of TERMINAL_TOOLS) {
    const status = await binaryStatus(name);
    if (!status.ok || !status.path) {
      progress.warn(
        `${name} ${status.wanted} is not on the lab's PATH ` +
          `(${status.path ? `${status.found ?? 'unknown version'} at ${status.path}` : 'not installed'}): ` +
          `${status.fix ?? 'run `npm run lab -- install`'}, then \`npm run lab -- up\` again.`,
      );
      continue;
    }
    const link = join(toolsDir(), name);
    rmSync(link, { force: true });
    symlinkSync(status.path, link);
    linked.push(name);
  }
  return linked;
}
