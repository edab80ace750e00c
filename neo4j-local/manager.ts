// Starts, stops and reports on the project's local Neo4j Community server (see
// Neo4jLocal.java). Used by `npm run db:*`, `npm start` and the test setup, each with its
// own folder and port, so tests never touch a user's data.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import neo4j from 'neo4j-driver';
import type { Config } from '../server/src/config';
import { localBoltUri, localNeo4jDir, localPasswordFile } from '../server/src/db/local-neo4j';
import { SERVER_PROCEDURES } from '../server/src/db/procedures';

export const NEO4J_VERSION = '5.26.30';
const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const cacheDir = path.join(repoRoot, '.neo4j');
const javaSource = path.join(here, 'src', 'Neo4jLocal.java');

export interface LocalNeo4jOptions {
  /** Folder for data, logs, pid and generated password; relative paths are from the repo root. */
  dir: string;
  port: number;
  user: string;
  /** When unset, a random password is generated once and kept in `<dir>/password`. */
  password?: string | undefined;
  heap: string;
  pageCache: string;
  startTimeoutSeconds: number;
  /** Lines added to the neo4j.conf written before each start. */
  extraSettings?: Record<string, string>;
  log?: (line: string) => void;
}

export interface LocalNeo4jStatus {
  running: boolean;
  pid?: number;
  uri: string;
  dir: string;
  logFile: string;
}

export class LocalNeo4jError extends Error {
  override name = 'LocalNeo4jError';
}

/** Settings that lock the local server down (see README, Security and reliability). */
export const LOCKDOWN_SETTINGS: Record<string, string> = {
  'dbms.security.procedures.allowlist': SERVER_PROCEDURES.join(','),
  'dbms.security.allow_csv_import_from_file_urls': 'false',
  // Cypher's URL access (LOAD CSV over http/https/ftp) is refused for every address, IPv4
  // and IPv6: even a query that slipped past the console's guard cannot read a service on
  // this machine or its network. (Neo4j 5.26 names this setting internal.)
  'internal.dbms.cypher_ip_blocklist': '0.0.0.0/0,::/0',
  'db.transaction.timeout': '120s',
  'db.memory.transaction.max': '2g',
  // On shutdown, wait at most this long for running transactions (default 10 s): a restart
  // under load should not keep clients waiting.
  'db.shutdown_transaction_end_timeout': '2s',
  // Netty's graceful quiet period adds 5 s to every stop; nothing is gained by waiting.
  'internal.dbms.bolt.netty_server_shutdown_quiet_period': '0',
};

/** The launcher's options for the configured local server. */
export function localNeo4jOptions(config: Config): LocalNeo4jOptions {
  return {
    dir: config.local.dir,
    port: config.local.port,
    user: config.neo4jUser,
    password: config.neo4jPassword,
    heap: config.local.heap,
    pageCache: config.local.pageCache,
    startTimeoutSeconds: config.local.startTimeoutSeconds,
  };
}

function filesOf(options: LocalNeo4jOptions) {
  const dir = localNeo4jDir(options.dir);
  return {
    dir,
    pid: path.join(dir, 'neo4j-local.pid'),
    log: path.join(dir, 'neo4j-local.log'),
    password: localPasswordFile(options.dir),
    conf: path.join(dir, 'neo4j.conf'),
  };
}

/** The password the local server uses: the configured one, or one generated on first use. */
export function localPassword(options: LocalNeo4jOptions): string {
  if (options.password) return options.password;
  const file = filesOf(options).password;
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const generated = randomBytes(18).toString('base64url');
  fs.writeFileSync(file, generated + '\n', { mode: 0o600 });
  return generated;
}

function localUri(options: LocalNeo4jOptions): string {
  return localBoltUri(options.port);
}

function requireTool(command: string, args: string[], what: string): void {
  const result = spawnSync(command, args, { stdio: 'ignore' });
  if (result.error) {
    throw new LocalNeo4jError(
      `${what} was not found on PATH ("${command}"). The local Neo4j needs Java 17+ and Maven ` +
        `(Debian: apt-get install openjdk-17-jre-headless maven). Without them, run Neo4j with ` +
        `Docker instead: "docker compose up -d neo4j" and set NEO4J_URI=bolt://localhost:7687 ` +
        `and NEO4J_PASSWORD (see README, "With Docker").`,
    );
  }
}

/** Asks Maven for Neo4j's classpath once; cached under .neo4j/ (jars themselves in ~/.m2). */
export function classpath(log: (line: string) => void): string {
  const cacheFile = path.join(cacheDir, `classpath-${NEO4J_VERSION}.txt`);
  if (fs.existsSync(cacheFile)) {
    const cached = fs.readFileSync(cacheFile, 'utf8').trim();
    if (cached.split(path.delimiter).every((jar) => fs.existsSync(jar))) return cached;
  }
  requireTool('mvn', ['--version'], 'Maven');
  fs.mkdirSync(cacheDir, { recursive: true });
  log(`Resolving Neo4j ${NEO4J_VERSION} from Maven Central (first run only; jars cached in ~/.m2)`);
  const result = spawnSync(
    'mvn',
    [
      '-B',
      '-f',
      path.join(here, 'pom.xml'),
      'dependency:build-classpath',
      `-Dmdep.outputFile=${cacheFile}`,
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const downloaded = (result.stdout ?? '').split('\n').filter((l) => l.includes('Downloaded from'));
  if (downloaded.length > 0) log(`Downloaded ${downloaded.length} artifacts from Maven Central`);
  if (result.status !== 0 || !fs.existsSync(cacheFile)) {
    throw new LocalNeo4jError(
      `Maven could not resolve Neo4j ${NEO4J_VERSION}:\n${(result.stdout ?? '').split('\n').slice(-30).join('\n')}`,
    );
  }
  return fs.readFileSync(cacheFile, 'utf8').trim();
}

/** Compiles the launcher once per source change (javac is faster than source-launch each time). */
function compiledLauncher(cp: string): string {
  const classesDir = path.join(cacheDir, `classes-${NEO4J_VERSION}`);
  const classFile = path.join(classesDir, 'Neo4jLocal.class');
  const stale =
    !fs.existsSync(classFile) || fs.statSync(classFile).mtimeMs < fs.statSync(javaSource).mtimeMs;
  if (stale) {
    fs.mkdirSync(classesDir, { recursive: true });
    const result = spawnSync('javac', ['-cp', cp, '-d', classesDir, javaSource], {
      encoding: 'utf8',
    });
    if (result.error) requireTool('javac', ['-version'], 'javac (a Java 17+ JDK)');
    if (result.status !== 0) throw new LocalNeo4jError(`javac failed:\n${result.stderr}`);
  }
  return classesDir;
}

function readPid(pidFile: string): number | undefined {
  if (!fs.existsSync(pidFile)) return undefined;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function status(options: LocalNeo4jOptions): LocalNeo4jStatus {
  const files = filesOf(options);
  const pid = readPid(files.pid);
  const running = pid !== undefined && isAlive(pid);
  return {
    running,
    ...(running ? { pid } : {}),
    uri: localUri(options),
    dir: files.dir,
    logFile: files.log,
  };
}

/** True when Bolt answers with these credentials. */
async function boltAnswers(uri: string, user: string, password: string): Promise<boolean> {
  const driver = neo4j.driver(uri, neo4j.auth.basic(user, password), {
    connectionTimeout: 2000,
    maxConnectionPoolSize: 1,
    logging: { level: 'error', logger: () => undefined },
  });
  try {
    await driver.verifyConnectivity();
    return true;
  } catch {
    return false;
  } finally {
    await driver.close();
  }
}

function tail(file: string, lines = 25): string {
  if (!fs.existsSync(file)) return '(no log yet)';
  return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
}

function confText(options: LocalNeo4jOptions): string {
  const settings: Record<string, string> = {
    'server.memory.pagecache.size': options.pageCache,
    ...LOCKDOWN_SETTINGS,
    ...options.extraSettings,
  };
  const body = Object.entries(settings)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n');
  return `# Written by neo4j-local/manager.ts before each start.\n${body}\n`;
}

/** True when the running server was started with other settings than these options give. */
function settingsChanged(options: LocalNeo4jOptions): boolean {
  const file = filesOf(options).conf;
  return !fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== confText(options);
}

/**
 * Starts the server unless it is already running, and resolves once Bolt answers.
 * Returns whether it started a new process.
 */
export async function start(
  options: LocalNeo4jOptions,
): Promise<{ started: boolean; pid: number }> {
  const log = options.log ?? ((line: string) => console.log(`[neo4j] ${line}`));
  const files = filesOf(options);
  const password = localPassword(options);
  const uri = localUri(options);
  let current = status(options);
  if (current.running && settingsChanged(options)) {
    // A server started before a settings change (such as a new lockdown setting) would run
    // without it: restart it, once, to apply them.
    log(`the running Neo4j (pid ${current.pid}) has older settings; restarting it to apply them`);
    await stop({ ...options, log }, 60);
    current = status(options);
  }
  if (current.running && current.pid !== undefined) {
    if (await waitForBolt(uri, options.user, password, current.pid, options.startTimeoutSeconds)) {
      log(`already running (pid ${current.pid}) at ${uri}`);
      return { started: false, pid: current.pid };
    }
    throw new LocalNeo4jError(
      `A local Neo4j (pid ${current.pid}) is running but Bolt at ${uri} does not answer. ` +
        `See ${files.log}, or run "npm run db:stop" and try again.`,
    );
  }
  if (await boltAnswers(uri, options.user, password)) {
    log(`a Neo4j already answers at ${uri} (not started by this project's script); using it`);
    return { started: false, pid: 0 };
  }

  requireTool('java', ['-version'], 'Java');
  const cp = classpath(log);
  const classes = compiledLauncher(cp);
  fs.mkdirSync(files.dir, { recursive: true });
  fs.writeFileSync(files.conf, confText(options));
  const out = fs.openSync(files.log, 'a');
  log(`starting Neo4j ${NEO4J_VERSION} at ${uri} (data in ${files.dir})`);
  const child = spawn(
    'java',
    [
      `-Xmx${options.heap}`,
      '-XX:+UseG1GC',
      '-cp',
      `${classes}${path.delimiter}${cp}`,
      'Neo4jLocal',
    ],
    {
      detached: true,
      stdio: ['ignore', out, out],
      env: {
        ...process.env,
        NEO4J_LOCAL_HOME: files.dir,
        NEO4J_LOCAL_PORT: String(options.port),
        NEO4J_LOCAL_USER: options.user,
        NEO4J_LOCAL_PASSWORD: password,
      },
    },
  );
  fs.closeSync(out);
  if (child.pid === undefined) throw new LocalNeo4jError('could not start java');
  fs.writeFileSync(files.pid, String(child.pid));
  child.unref();
  const began = Date.now();
  if (!(await waitForBolt(uri, options.user, password, child.pid, options.startTimeoutSeconds))) {
    const alive = isAlive(child.pid);
    throw new LocalNeo4jError(
      (alive
        ? `Neo4j did not answer at ${uri} within ${options.startTimeoutSeconds}s.`
        : `Neo4j exited during start-up.`) +
        ` Its log is ${files.log} (and ${path.join(files.dir, 'logs', 'debug.log')}); last lines:\n${tail(files.log)}`,
    );
  }
  log(`ready in ${((Date.now() - began) / 1000).toFixed(1)}s (pid ${child.pid})`);
  return { started: true, pid: child.pid };
}

async function waitForBolt(
  uri: string,
  user: string,
  password: string,
  pid: number,
  timeoutSeconds: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return false;
    if (await boltAnswers(uri, user, password)) return true;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

/** Stops the server with SIGTERM (a clean shutdown), then SIGKILL after the grace period. */
export async function stop(
  options: LocalNeo4jOptions,
  graceSeconds = 60,
): Promise<{ stopped: boolean }> {
  const log = options.log ?? ((line: string) => console.log(`[neo4j] ${line}`));
  const files = filesOf(options);
  const pid = readPid(files.pid);
  if (pid === undefined || !isAlive(pid)) {
    fs.rmSync(files.pid, { force: true });
    log('not running');
    return { stopped: false };
  }
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceSeconds * 1000;
  while (isAlive(pid) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (isAlive(pid)) {
    log(`did not stop within ${graceSeconds}s; killing pid ${pid}`);
    process.kill(pid, 'SIGKILL');
  }
  fs.rmSync(files.pid, { force: true });
  log(`stopped (pid ${pid})`);
  return { stopped: true };
}
