import { whyFailed, type Check } from '../../check.js';
import { probe } from '../../exec.js';

export const goCheck: Check = {
  description: 'Go toolchain (builds server binaries that cannot be downloaded)',
  async run() {
    const res = await probe('go', ['version']);
    return res.ok
      ? { ok: true, found: res.stdout.trim().replace(/^go version /, '') }
      : {
          ok: false,
          optional: true,
          found: whyFailed(res.error),
          advice: 'install Go 1.26+ (https://go.dev/dl) so missing binaries can be built',
        };
  },
};
