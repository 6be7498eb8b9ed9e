import type { Check } from '../../check.js';

/** Node 20.19 is the oldest that can require() the ESM packages tslab imports from dist/. */
export function nodeSatisfies(version: string, min = [20, 19]): boolean {
  const [major = 0, minor = 0] = version.replace(/^v/, '').split('.').map(Number);
  return major > (min[0] ?? 0) || (major === min[0] && minor >= (min[1] ?? 0));
}

export const nodeCheck: Check = {
  description: 'Node.js 20.19 or newer',
  async run() {
    const ok = nodeSatisfies(process.version);
    return {
      ok,
      found: process.version,
      advice: ok ? undefined : 'install Node.js 20.19+ (or 22 LTS), e.g. with nvm install 22',
    };
  },
};
