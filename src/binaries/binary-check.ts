import type { Check } from '../check.js';
import { binaryStatus, type BinaryName } from './binaries.js';

/** One check per server binary: where it was found and whether its version is the pinned one. */
export function binaryCheck(name: BinaryName): Check {
  return {
    description: `${name} binary`,
    async run() {
      const s = await binaryStatus(name);
      if (s.ok) return { ok: true, found: `${s.found} at ${s.path}` };
      return {
        ok: false,
        found: s.path
          ? `${s.found ?? 'unknown version'} at ${s.path} (wanted ${s.wanted})`
          : `missing (wanted ${s.wanted})`,
        // binaryStatus knows where the binary came from: install cannot fix a wrong version on PATH or in LAB_*.
        advice: s.fix ?? 'run `npm run lab -- install` to download or build it',
      };
    },
  };
}
