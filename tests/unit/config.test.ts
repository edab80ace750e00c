import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadTaxiiCredentials } from '../../server/src/config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('when nothing is set, uses the local Neo4j and the documented defaults', () => {
    const config = loadConfig({});
    expect(config.neo4jUri).toBeUndefined();
    expect(config.port).toBe(8080);
    expect(config.neo4jDatabase).toBe('neo4j');
    expect(config.local).toMatchObject({ port: 7687, dir: '.neo4j/dev' });
  });

  it('when PORT is not a number, names PORT and the allowed range', () => {
    expect(problemsOf({ PORT: 'eighty' })).toEqual([
      'PORT: expected a port number from 0 to 65535 (got "eighty")',
    ]);
  });

  it('when PORT is out of range, says so', () => {
    expect(problemsOf({ PORT: '70000' })[0]).toMatch(
      /^PORT: expected a port number from 0 to 65535/,
    );
  });

  it('when NEO4J_URI is set without a password, asks for NEO4J_PASSWORD', () => {
    expect(problemsOf({ NEO4J_URI: 'bolt://db:7687' })).toEqual([
      'NEO4J_PASSWORD: expected required when NEO4J_URI is set (the password of that server)',
    ]);
  });

  it('when NEO4J_URI has the wrong scheme, names the variable and the accepted forms', () => {
    const [problem] = problemsOf({ NEO4J_URI: 'http://db:7474', NEO4J_PASSWORD: 'password123' });
    expect(problem).toMatch(/^NEO4J_URI: expected a Bolt or Neo4j URI/);
  });

  it('accepts neo4j+s URIs for Aura and clusters', () => {
    const config = loadConfig({
      NEO4J_URI: 'neo4j+s://abcd.databases.neo4j.io',
      NEO4J_PASSWORD: 'password123',
    });
    expect(config.neo4jUri).toBe('neo4j+s://abcd.databases.neo4j.io');
  });

  it('reports every bad variable at once and never echoes a password', () => {
    const problems = problemsOf({ PORT: '-1', NEO4J_PASSWORD: 'short', LOG_LEVEL: 'loud' });
    expect(problems).toHaveLength(3);
    expect(problems.join('\n')).not.toContain('short"');
    expect(problems.find((p) => p.startsWith('LOG_LEVEL'))).toContain('one of fatal, error');
  });

  it('reads AUTH_WRITE_TOKENS as name:token pairs or plain tokens, each with the author it names', () => {
    const plain = 'plain-token-0123456789';
    const { auth } = loadConfig({
      AUTH_WRITE_TOKENS: `alice:alice-token-0123456789, ${plain}`,
    });
    expect(auth.writeTokens).toEqual(['alice-token-0123456789', plain]);
    expect(auth.writers[0]).toEqual({ author: 'alice', token: 'alice-token-0123456789' });
    // An unnamed token is named by a fingerprint, never by the token itself.
    expect(auth.writers[1]!.author).toMatch(/^token-[0-9a-f]{8}$/);
    expect(auth.writers[1]!.author).not.toContain(plain.slice(0, 6));
  });

  it('when a named write token is shorter than 16 characters, names AUTH_WRITE_TOKENS and never echoes it', () => {
    const [problem] = problemsOf({ AUTH_WRITE_TOKENS: 'bob:short-secret' });
    expect(problem).toBe(
      'AUTH_WRITE_TOKENS: expected tokens of at least 16 characters, comma-separated, each optionally named and cleared (alice:<token>:amber)',
    );
  });

  it('reads a clearance at the end of a token (any case), named or not, in both token lists', () => {
    const { auth } = loadConfig({
      AUTH_TOKENS:
        'reader:green-token-0123456789:green, amber-token-0123456789:AMBER, strict-token-0123456789:amber+strict, plain-token-0123456789',
      AUTH_WRITE_TOKENS: 'alice:alice-token-0123456789:red, bob:bob-token-0123456789',
    });
    expect(auth.readTokens).toEqual([
      'green-token-0123456789',
      'amber-token-0123456789',
      'strict-token-0123456789',
      'plain-token-0123456789',
    ]);
    expect(auth.writers[0]).toEqual({
      author: 'alice',
      token: 'alice-token-0123456789',
      clearance: 'RED',
    });
    expect(auth.writers[1]).toEqual({
      author: 'bob',
      token: 'bob-token-0123456789',
      clearance: undefined,
    });
    expect(Object.fromEntries(auth.clearances.map((c) => [c.token, c.clearance]))).toEqual({
      'alice-token-0123456789': 'RED',
      // No clearance given: AUTH_DEFAULT_CLEARANCE, RED unless set (today's behaviour).
      'bob-token-0123456789': 'RED',
      'green-token-0123456789': 'GREEN',
      'amber-token-0123456789': 'AMBER',
      'strict-token-0123456789': 'AMBER+STRICT',
      'plain-token-0123456789': 'RED',
    });
  });

  it('keeps a plain read token with a colon whole when it ends in no marking', () => {
    const { auth } = loadConfig({ AUTH_TOKENS: 'team:read-token-0123456789' });
    expect(auth.readTokens).toEqual(['team:read-token-0123456789']);
  });

  it('gives tokens without a clearance AUTH_DEFAULT_CLEARANCE, and names a bad one', () => {
    const { auth } = loadConfig({
      AUTH_TOKENS: 'plain-token-0123456789, red-token-0123456789:red',
      AUTH_DEFAULT_CLEARANCE: 'green',
    });
    expect(auth.clearances).toEqual([
      { token: 'plain-token-0123456789', clearance: 'GREEN' },
      { token: 'red-token-0123456789', clearance: 'RED' },
    ]);
    expect(problemsOf({ AUTH_DEFAULT_CLEARANCE: 'secret' })).toEqual([
      'AUTH_DEFAULT_CLEARANCE: expected one of CLEAR, GREEN, AMBER, AMBER+STRICT, RED (case-insensitive) (got "secret")',
    ]);
  });

  it('refuses a cleared token shorter than 16 characters without echoing it', () => {
    const [problem] = problemsOf({ AUTH_TOKENS: 'eve:short-secret:amber' });
    expect(problem).toMatch(/^AUTH_TOKENS: expected tokens of at least 16 characters/);
    expect(problem).not.toContain('short-secret');
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', NEO4J_URI: '' }).port).toBe(8080);
  });

  it('reads TAXII_PULL_HOSTS as lower-cased host names or *, and names it when a value is a URL', () => {
    expect(loadConfig({}).taxiiPullHosts).toEqual([]);
    expect(loadConfig({ TAXII_PULL_HOSTS: '*' }).taxiiPullHosts).toEqual(['*']);
    expect(loadConfig({ TAXII_PULL_HOSTS: 'Taxii.Example.org, 127.0.0.1' }).taxiiPullHosts).toEqual(
      ['taxii.example.org', '127.0.0.1'],
    );
    expect(problemsOf({ TAXII_PULL_HOSTS: 'https://taxii.example.org/' })[0]).toMatch(
      /^TAXII_PULL_HOSTS: expected a comma-separated list of host names/,
    );
  });

  it('reads the TAXII pull credentials apart from the server config (empty means unset)', () => {
    expect(
      loadTaxiiCredentials({ TAXII_USER: 'me', TAXII_PASSWORD: '', TAXII_TOKEN: 't' }),
    ).toEqual({
      user: 'me',
      password: undefined,
      token: 't',
    });
  });
});
