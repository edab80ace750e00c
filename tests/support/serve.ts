// The app as its own process, on the test configuration, for tests that send it signals.
// Prints "listening <url>" once it serves.
import { startServer, stopOnSignals } from '../../server/src/server';
import { testConfig } from './test-config';

const server = await startServer(testConfig());
stopOnSignals(server);
console.log(`listening ${server.url}`);
