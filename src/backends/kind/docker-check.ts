import { whyFailed, type Check } from '../../check.js';
import { probe } from '../../exec.js';

export const dockerCheck: Check = {
  description: 'Docker daemon (only for the kind backend)',
  async run() {
    const res = await probe('docker', ['info', '--format', '{{.ServerVersion}}'], 8000);
    const version = res.ok ? res.stdout.trim() : '';
    return version
      ? { ok: true, found: `server ${version}` }
      : {
          ok: false,
          optional: true,
          found: res.ok ? 'docker info named no server version' : whyFailed(res.error),
          advice: 'start Docker to use --backend kind; the local backend needs no Docker',
        };
  },
};
