// Where each server binary can be downloaded ready-made, and the checksum that proves it is the right file.
import { parse } from 'yaml';
import { LabError } from '../errors.js';
import { extractFromTarGz, extractFromZip } from './archive.js';
import { fetchText, type Digest } from './download.js';
import { KUBERNETES_VERSION, URLS, releasePlatform, type BinaryName } from './versions.js';

export interface ReleaseAsset {
  url: string;
  digest: Digest;
  extract: (archive: Buffer) => Buffer;
}

type Platform = NonNullable<ReturnType<typeof releasePlatform>>;

/** Finds one envtest archive in controller-tools' index (its hashes are SHA-512). */
export function findEnvtestArchive(
  indexYaml: string,
  version: string,
  platform: Platform,
): { url: string; digest: Digest } {
  const file = `envtest-${version}-${platform.os}-${platform.arch}.tar.gz`;
  const index = parse(indexYaml) as { releases?: Record<string, Record<string, { hash?: string; selfLink?: string }>> };
  const entry = index?.releases?.[version]?.[file];
  if (!entry?.hash || !entry.selfLink) {
    throw new LabError(
      `The envtest index lists no ${file}`,
      'build from source instead (pass offline: true), or pick a Kubernetes version envtest publishes',
      {
        details: `Index: ${URLS.envtestIndex}`,
      },
    );
  }
  return { url: entry.selfLink, digest: { algorithm: 'sha512', hex: entry.hash } };
}

/** Reads one file's checksum out of a `sha256sum`-style list such as HashiCorp's SHA256SUMS. */
export function findSha256(sumsText: string, fileName: string, sumsUrl: string): string {
  for (const line of sumsText.split('\n')) {
    const [hex, name] = line.trim().split(/\s+\*?/);
    if (name === fileName && hex && /^[0-9a-f]{64}$/i.test(hex)) return hex.toLowerCase();
  }
  throw new LabError(`${sumsUrl} has no checksum for ${fileName}`, 'build from source instead (pass offline: true)');
}

const identity = (file: Buffer) => file;

/**
 * The download for one binary on this machine, or undefined when none is published.
 * kube-apiserver, etcd and kubectl come from the envtest archive; envtest has no kube-controller-manager, so it
 * comes from dl.k8s.io (linux only: Kubernetes publishes no darwin server binaries), elsewhere only from source.
 */
export async function releaseAsset(name: BinaryName, platform = releasePlatform()): Promise<ReleaseAsset | undefined> {
  if (!platform) return undefined;
  switch (name) {
    case 'kube-apiserver':
    case 'kubectl':
    case 'etcd': {
      const archive = findEnvtestArchive(await fetchText(URLS.envtestIndex), KUBERNETES_VERSION, platform);
      return { ...archive, extract: (bytes) => extractFromTarGz(bytes, name) };
    }
    case 'kube-controller-manager': {
      if (platform.os !== 'linux') return undefined;
      const url = URLS.kubernetesBinary(name, platform.os, platform.arch);
      const hex = (await fetchText(`${url}.sha256`)).trim().split(/\s+/)[0] ?? '';
      return { url, digest: { algorithm: 'sha256', hex }, extract: identity };
    }
    case 'vault': {
      const url = URLS.vaultZip(platform.os, platform.arch);
      const fileName = url.slice(url.lastIndexOf('/') + 1);
      const hex = findSha256(await fetchText(URLS.vaultSha256Sums), fileName, URLS.vaultSha256Sums);
      return { url, digest: { algorithm: 'sha256', hex }, extract: (bytes) => extractFromZip(bytes, 'vault') };
    }
  }
}
