import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SEED_DATA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');

/** The default seed: every .yaml/.yml/.json file in seed/data, in name order. */
export function defaultSeedFiles(): string[] {
  return fs
    .readdirSync(SEED_DATA_DIR)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => path.join(SEED_DATA_DIR, f));
}
