// The kernel bridge: what emit() sends to a running tslab cell, and what it prints when it cannot.
import { createRequire } from 'node:module';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { show } from '../../src/output/display.js';
import { emit, inKernel } from '../../src/output/kernel.js';
import { renderers } from '../../src/output/renderers.js';

let printed: string[];
beforeEach(() => {
  printed = [];
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void printed.push(args.join(' ')));
});
afterEach(() => {
  vi.restoreAllMocks();
  delete (globalThis as Record<string, unknown>).__tslab__;
});

describe('inside the tslab kernel', () => {
  // The kernel sets globalThis.__tslab__, whose require maps 'tslab' to the kernel's own copy.
  const nodeRequire = createRequire(import.meta.url);
  const tslab = nodeRequire('tslab') as { display: { html(s: string): void } };
  const jupyter = nodeRequire('tslab/dist/jupyter.js') as { lastWriteDisplayData: unknown };
  const enterKernel = (module: unknown = tslab) => {
    (globalThis as Record<string, unknown>).__tslab__ = {
      exports: {},
      require: (id: string) => (id === 'tslab' ? module : nodeRequire(id)),
    };
  };
  afterEach(() => {
    jupyter.lastWriteDisplayData = null;
  });

  it('sends one MIME bundle with text/plain and text/html through the running cell', () => {
    const write = vi.fn();
    jupyter.lastWriteDisplayData = write;
    enterKernel();
    expect(inKernel()).toBe(true);
    show.table([{ claim: 'sub', value: 'system:serviceaccount:demo:vault-auth' }]);
    expect(write).toHaveBeenCalledTimes(1);
    const [message, update] = write.mock.calls[0] as [{ data: Record<string, string> }, boolean];
    expect(update).toBe(false);
    expect(message.data['text/plain']).toBe(
      [
        'claim  value',
        '-----  -------------------------------------',
        'sub    system:serviceaccount:demo:vault-auth',
      ].join('\n'),
    );
    expect(message.data['text/html']).toMatch(/^<table>/);
    expect(printed).toEqual([]);
  });

  it("sends a verdict's metadata with its bundle, so the headless runner can judge it", () => {
    const write = vi.fn();
    jupyter.lastWriteDisplayData = write;
    enterKernel();
    show.verdict(false, 'can-i: no', { expected: false });
    const [message] = write.mock.calls[0] as [{ metadata: unknown }];
    expect(message.metadata).toEqual({ lab: { verdict: false, expected: false } });
  });

  it('falls back to printed text between cells, when tslab is not ready', () => {
    enterKernel();
    show.verdict(true, 'still visible');
    expect(printed).toEqual(['✓ still visible']);
  });

  it('uses tslab’s public display when the bundle writer cannot be found', () => {
    const html = vi.fn();
    enterKernel({ display: { html, markdown: vi.fn(), text: vi.fn() } });
    emit(renderers.verdict(false, 'no'));
    expect(html).toHaveBeenCalledWith(
      '<div style="white-space:pre-wrap"><span style="color:#cf222e;font-weight:bold">✗ no</span></div>',
    );
    expect(printed).toEqual([]);
  });
});
