import type { Check } from '../../check.js';
import { freePort } from '../../ports.js';

export const portsCheck: Check = {
  description: 'Free ports on 127.0.0.1',
  async run() {
    try {
      const ports = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
      return { ok: true, found: `e.g. ${ports.join(', ')}` };
    } catch (error) {
      return {
        ok: false,
        found: String(error),
        advice: 'the loopback interface refuses new listeners; check firewall or sandbox settings',
      };
    }
  },
};
