/**
 * Runs the narrated weather tour against a router where the weather service is registered:
 * `node --conditions=wamp-contracts-source --import tsx examples/weather/run-client.ts [--url ws://...] [--realm realm1]`.
 */
import { connect } from 'wamp-contracts';
import { parseEndpoint } from './endpoint.js';
import { runWeatherTour } from './tour.js';

const { url, realm } = parseEndpoint(process.argv.slice(2));
const session = await connect({ url, realm });
let step = 'start';
try {
  await runWeatherTour(
    session,
    (line = '') => console.log(line),
    (name) => {
      step = name;
    },
  );
} catch (error) {
  console.error(
    `weather client failed during '${step}': ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exitCode = 1;
} finally {
  await session.leave();
}
