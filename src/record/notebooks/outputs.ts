// The one walk over the text a notebook output holds, for the recorder's redaction and normalization.
import { joinText, type NotebookOutput } from '../../jupyter/notebooks.js';

/** Where a piece of text sits: stream text and text/plain keep their layout (tables), the rest is free text. */
export type OutputField = 'stream' | 'text/plain' | 'data' | 'ename' | 'evalue' | 'traceback';

const isRaster = (type: string) => type.startsWith('image/') && !type.startsWith('image/svg');

/**
 * Returns a copy of `o` with `f` applied to every text it holds: stream text, each non-raster data view
 * (text/plain first, so numbering does not depend on the order of the other views; structured data as its
 * JSON text, so keys give context), the error's name and value, and the traceback. Raster images stay as they are.
 */
export function mapOutputText(o: NotebookOutput, f: (text: string, field: OutputField) => string): NotebookOutput {
  const copy: NotebookOutput & { traceback?: string[] } = { ...o };
  if (o.output_type === 'stream' || o.text !== undefined) copy.text = f(joinText(o.text), 'stream');
  if (o.data) {
    const keys = Object.keys(o.data).sort(
      (a, b) => Number(b === 'text/plain') - Number(a === 'text/plain') || a.localeCompare(b),
    );
    const data: Record<string, string | string[]> = {};
    for (const key of keys) {
      const value = o.data[key] as unknown;
      if (isRaster(key)) data[key] = value as string;
      else if (typeof value === 'string' || Array.isArray(value))
        data[key] = f(joinText(value as string | string[]), key === 'text/plain' ? 'text/plain' : 'data');
      else data[key] = JSON.parse(f(JSON.stringify(value), 'data')) as string;
    }
    copy.data = Object.fromEntries(Object.keys(o.data).map((key) => [key, data[key] as string]));
  }
  if (o.ename !== undefined) copy.ename = f(o.ename, 'ename');
  if (o.evalue !== undefined) copy.evalue = f(o.evalue, 'evalue');
  const traceback = (o as { traceback?: string[] }).traceback;
  if (traceback) copy.traceback = traceback.map((line) => f(line, 'traceback'));
  return copy;
}
