import type { Check } from '../check.js';
import { probe } from '../../exec.js';

export const dockerCheck: Check = {
  description: 'Docker daemon (only for the kind backend)',
  async run() {
    const res = await probe('docker', ['info', '--format', '{{.ServerVersion}}'], 8000);
    const version = res?.stdout.trim();
    return version
      ? { ok: true, found: `server ${version}` }
      : { ok: false, optional: true, found: 'no daemon answers', advice: 'start Docker to use --backend kind; the local backend needs no Docker' };
  },
};
