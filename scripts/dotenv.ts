// Loads ./.env (if present) into process.env without overriding what the shell set.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function loadDotEnv(file = path.join(repoRoot, '.env')): void {
  if (fs.existsSync(file)) process.loadEnvFile(file);
}
