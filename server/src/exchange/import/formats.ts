import type { ImportBatch } from './batch';
import { parseMispGalaxy } from './misp';
import { parseStixBundle } from './stix';

export const IMPORT_FORMATS = ['stix', 'misp-galaxy'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export function parseByFormat(format: ImportFormat, file: string, text: string): ImportBatch {
  return format === 'stix' ? parseStixBundle(file, text) : parseMispGalaxy(file, text);
}
