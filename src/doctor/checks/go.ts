import type { Check } from '../check.js';
import { probe } from '../../exec.js';

export const goCheck: Check = {
  description: 'Go toolchain (builds server binaries that cannot be downloaded)',
  async run() {
    const res = await probe('go', ['version']);
    const found = res?.stdout.trim().replace(/^go version /, '');
    return found
      ? { ok: true, found }
      : { ok: false, optional: true, found: 'not on PATH', advice: 'install Go 1.26+ (https://go.dev/dl) so missing binaries can be built' };
  },
};
