// The fixture graph shaped like the real imports (tests/fixtures/explorer/real-shape.yaml),
// loaded with the seed for a test file and taken away after it.
import path from 'node:path';
import type { Database } from '../../server/src/db/database';
import { loadSeedFiles } from '../../server/src/exchange/loader/load';
import { defaultSeedFiles } from '../../seed/paths';
import { reseed } from './db';

const REAL_SHAPE_FIXTURE = path.resolve('tests/fixtures/explorer/real-shape.yaml');
/** The fixture's technique hub and how many neighbours it has (actors that use it). */
export const HUB = 'technique:fx-spearphishing';
export const HUB_NEIGHBOURS = 232;

/** The seed and the fixture, in place of whatever the graph held. */
export async function loadRealShape(db: Database): Promise<void> {
  await loadSeedFiles(db, [...defaultSeedFiles(), REAL_SHAPE_FIXTURE], { reset: true });
}

/** Back to the seed alone, as the other test files expect it. */
export const unloadRealShape = (db: Database): Promise<void> => reseed(db);
