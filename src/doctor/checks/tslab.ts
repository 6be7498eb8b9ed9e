import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Check } from '../../check.js';
import { venvDir } from '../../paths.js';

export const tslabCheck: Check = {
  description: 'tslab kernel registered in .venv',
  async run() {
    const spec = join(venvDir, 'share', 'jupyter', 'kernels', 'tslab', 'kernel.json');
    if (!existsSync(spec)) return { ok: false, found: 'no tslab kernelspec', advice: 'run `npm run lab -- install`' };
    const argv0 = (JSON.parse(readFileSync(spec, 'utf8')) as { argv: string[] }).argv[0] ?? '';
    return existsSync(argv0)
      ? { ok: true, found: 'TypeScript kernel' }
      : {
          ok: false,
          found: `kernel points at a missing ${argv0}`,
          advice: 'run `npm ci`, then `npm run lab -- install`',
        };
  },
};
