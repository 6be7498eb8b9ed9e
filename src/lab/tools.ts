// The terminal tools a task may name: `kubectl` and `vault` at the lab's pinned versions, linked into .lab/bin,
// which `.lab/env` puts first on PATH, so `source .lab/env && kubectl ...` never reaches another kubectl.
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBinary, type BinaryName } from '../binaries/index.js';
import { toolsDir } from '../backends/state.js';
import { describe } from '../errors.js';
import type { Progress } from '../output/progress.js';

export const TERMINAL_TOOLS: readonly BinaryName[] = ['kubectl', 'vault'];

/** Links each tool's cached binary as .lab/bin/NAME; a tool that cannot be provisioned is a warning, not a failed `up`. */
export async function linkTerminalTools(progress: Progress): Promise<string[]> {
  mkdirSync(toolsDir(), { recursive: true });
  const linked: string[] = [];
  for (const name of TERMINAL_TOOLS) {
    try {
      const target = await ensureBinary(name, { reporter: progress });
      const link = join(toolsDir(), name);
      rmSync(link, { force: true });
      symlinkSync(target, link);
      linked.push(name);
    } catch (error) {
      progress.warn(`${name} is not on the lab's PATH (${describe(error).split('\n')[0]}); run \`npm run lab -- install\`, then \`npm run lab -- up\` again.`);
    }
  }
  return linked;
}
