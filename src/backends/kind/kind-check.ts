import { whyFailed, type Check } from '../../check.js';
import { KIND_VERSION } from '../../binaries/versions.js';
import { Kind } from '../../kind/cli.js';
import { checkKindVersion } from '../../kind/version.js';

export const kindCheck: Check = {
  description: 'kind CLI (only for the kind backend)',
  async run() {
    let version: string;
    try {
      version = await new Kind().version();
    } catch (error) {
      return {
        ok: false,
        optional: true,
        found: whyFailed(error),
        advice: `go install sigs.k8s.io/kind@${KIND_VERSION} to use --backend kind; the local backend needs no kind`,
      };
    }
    try {
      checkKindVersion(version);
      return { ok: true, found: version };
    } catch {
      return {
        ok: false,
        optional: true,
        found: `${version} (too old)`,
        advice: `go install sigs.k8s.io/kind@${KIND_VERSION} to use --backend kind`,
      };
    }
  },
};
