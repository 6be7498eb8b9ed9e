// The lab's PKI on disk: one file per PEM, named as the control plane's flags expect, keys owner-only.
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LabError } from '../errors.js';
import type { LabPki } from './pki.js';

/** The file each PEM is written to, so the lead's flags and `readPki` agree on names. */
export const pkiFileNames: Readonly<Record<keyof LabPki, string>> = {
  caCert: 'ca.crt',
  caKey: 'ca.key',
  servingCert: 'apiserver.crt',
  servingKey: 'apiserver.key',
  adminCert: 'admin.crt',
  adminKey: 'admin.key',
  controllerManagerCert: 'controller-manager.crt',
  controllerManagerKey: 'controller-manager.key',
  serviceAccountKey: 'sa.key',
  serviceAccountPub: 'sa.pub',
};

const pkiNames = Object.keys(pkiFileNames) as Array<keyof LabPki>;
const privateKeys = new Set<keyof LabPki>([
  'caKey',
  'servingKey',
  'adminKey',
  'controllerManagerKey',
  'serviceAccountKey',
]);

/** Writes the PKI where the control plane's flags point, private keys readable by the owner only. */
export async function writePki(dir: string, pki: LabPki): Promise<Record<keyof LabPki, string>> {
  await mkdir(dir, { recursive: true });
  const paths = pkiPaths(dir);
  for (const name of pkiNames) {
    const mode = privateKeys.has(name) ? 0o600 : 0o644;
    await writeFile(paths[name], pki[name], { mode });
    // writeFile's mode applies only to new files; a file left by an earlier run would keep its old mode.
    await chmod(paths[name], mode);
  }
  return paths;
}

/** Reads back a PKI written by `writePki`, so a second run reuses the CA that Vault was configured with. */
export async function readPki(dir: string): Promise<LabPki> {
  const paths = pkiPaths(dir);
  const pki = {} as LabPki;
  for (const name of pkiNames) {
    const path = paths[name];
    try {
      pki[name] = await readFile(path, 'utf8');
    } catch (error) {
      throw new LabError(
        `Cannot read the lab PKI file ${path}.`,
        `Remove ${dir} and set the lab up again to mint a fresh PKI.`,
        {
          cause: error,
        },
      );
    }
  }
  return pki;
}

/** The paths `writePki` would use, for building flags without touching the disk. */
export function pkiPaths(dir: string): Record<keyof LabPki, string> {
  return Object.fromEntries(pkiNames.map((name) => [name, join(dir, pkiFileNames[name])])) as Record<
    keyof LabPki,
    string
  >;
}
