// The bridge to the tslab kernel: inside it a rendering goes to the running cell as one MIME bundle,
// anywhere else its text is printed, so the same cell code runs in tests and scripts.
import { createRequire } from 'node:module';
import type { Rendered } from './render.js';

interface TslabModule {
  display: { html(s: string): void; markdown(s: string): void; text(s: string): void };
}
type WriteDisplayData = (
  data: { data: Record<string, string>; metadata: object; transient: object },
  update: boolean,
) => void;

const nodeRequire = createRequire(import.meta.url);
const jupyterModules = new WeakMap<object, { lastWriteDisplayData?: unknown }>();

/**
 * The kernel's own tslab module, or undefined outside the kernel. tslab's executor sets
 * globalThis.__tslab__ before running a cell, and its `require` maps 'tslab' to the kernel's copy,
 * the one whose display is wired to the running cell (a plain `import('tslab')` may load another copy,
 * and would load TypeScript into every test run).
 */
function kernelTslab(): TslabModule | undefined {
  const marker = (globalThis as { __tslab__?: { require?: unknown } }).__tslab__;
  if (typeof marker?.require !== 'function') return undefined;
  try {
    const tslab = (marker.require as (id: string) => unknown)('tslab') as TslabModule | undefined;
    return typeof tslab?.display?.html === 'function' ? tslab : undefined;
  } catch {
    return undefined;
  }
}

/** True inside the tslab kernel, where output is shown as rich MIME bundles. */
export function inKernel(): boolean {
  return kernelTslab() !== undefined;
}

/**
 * tslab's public display takes one MIME type per call; a bundle needs the writer tslab keeps for the
 * running cell (dist/jupyter.js, tslab 1.0.x). Found next to the kernel's tslab module, or undefined.
 */
function bundleWriter(tslab: TslabModule): WriteDisplayData | undefined {
  let jupyter = jupyterModules.get(tslab);
  if (!jupyter) {
    const entry = Object.values(nodeRequire.cache).find((mod) => mod?.exports === tslab);
    if (!entry) return undefined;
    try {
      jupyter = createRequire(entry.filename)('./jupyter.js') as { lastWriteDisplayData?: unknown };
    } catch {
      return undefined;
    }
    jupyterModules.set(tslab, jupyter);
  }
  const write = jupyter.lastWriteDisplayData;
  return typeof write === 'function' ? (write as WriteDisplayData) : undefined;
}

/** Sends one rendering to the notebook as a MIME bundle, or prints its text outside the kernel. */
export function emit(rendered: Rendered): void {
  const tslab = kernelTslab();
  if (tslab) {
    const write = bundleWriter(tslab);
    try {
      const { 'text/html': html, 'text/markdown': md } = rendered.bundle;
      if (write) write({ data: rendered.bundle, metadata: rendered.metadata ?? {}, transient: {} }, false);
      else if (html !== undefined) tslab.display.html(html);
      else if (md !== undefined) tslab.display.markdown(md);
      else tslab.display.text(rendered.bundle['text/plain'] ?? rendered.text);
      return;
    } catch {
      // tslab throws "Not ready" between cells; the text below still reaches the cell's stdout.
    }
  }
  console.log(rendered.text);
}
