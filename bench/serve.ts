// The app as its own process for the benchmark (its memory is measured apart from the
// load generator's). Configured by the environment like npm start; prints "listening <url>".
import { loadConfig } from '../server/src/config';
import { startServer, stopOnSignals } from '../server/src/server';

const server = await startServer(loadConfig());
stopOnSignals(server);
console.log(`listening ${server.url}`);
