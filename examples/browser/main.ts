/**
 * The browser example's page script: connects to the router over the browser's WebSocket, calls
 * `getForecast` through the generated `WeatherClient` and lists alert events as they arrive.
 */
import { connect, type SerializerName, type Session } from 'wamp-contracts';
import { isContractError } from 'wamp-contracts/runtime/contracts';
import { WeatherClient, WeatherEventsClient } from '../../schemas/generated/weather.js';

/** The element with `id`, typed; throws when the page lacks it (a broken index.html). */
function element<T extends HTMLElement>(id: string, type: new () => T): T {
  const found = document.getElementById(id);
  if (!(found instanceof type)) throw new Error(`index.html has no <${type.name}> #${id}`);
  return found;
}

const form = element('forecast-form', HTMLFormElement);
const cityInput = element('city', HTMLInputElement);
const button = element('get-forecast', HTMLButtonElement);
const status = element('status', HTMLElement);
const result = element('result', HTMLElement);
const errorOut = element('error', HTMLElement);
const alerts = element('alerts', HTMLUListElement);

// `?url=ws://host:port/ws&realm=realm1` picks the router; by default the one `wamp-contracts router` starts.
const params = new URLSearchParams(location.search);
const url = params.get('url') ?? `ws://${location.hostname || '127.0.0.1'}:8080/ws`;
const realm = params.get('realm') ?? 'realm1';
// `&serializer=msgpack` or `cbor`: connect() then loads that serializer's chunk; JSON is in main.js.
const serializer = (params.get('serializer') ?? 'json') as SerializerName;

/** Shows the connection state in text and in `data-state`, which the test waits on. */
function setStatus(state: 'connecting' | 'connected' | 'failed', text: string): void {
  status.dataset.state = state;
  status.textContent = text;
}

/** Shows one forecast, or the typed error of a failed call (class name and payload). */
async function showForecast(weather: WeatherClient, city: string): Promise<void> {
  result.textContent = '';
  errorOut.textContent = '';
  try {
    const forecast = await weather.rpc.getForecast(city);
    result.textContent = `${forecast.city}: ${forecast.tempC} °C, ${forecast.sky}`;
  } catch (error) {
    // Generated error classes carry their class name and a typed payload.
    errorOut.textContent = isContractError(error)
      ? `${error.name} (${error.uri}): ${JSON.stringify(error.payload)}`
      : String(error); // an Error's string form already starts with its name
  }
}

/** Connects, subscribes to alerts, then enables the form. */
async function start(): Promise<Session> {
  setStatus('connecting', `connecting to ${url}...`);
  const session = await connect({ url, realm, serializer });
  const weather = new WeatherClient(session);
  const events = new WeatherEventsClient(session);
  await events.subscribe.alert((alert) => {
    const item = document.createElement('li');
    item.textContent = `${alert.region}: ${alert.message}`;
    alerts.append(item);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    button.disabled = true;
    showForecast(weather, cityInput.value.trim()).finally(() => {
      button.disabled = false;
    });
  });
  button.disabled = false;
  setStatus('connected', `connected to ${url} (realm ${realm}, ${serializer})`);
  return session;
}

start().catch((error: unknown) => {
  setStatus('failed', `could not connect: ${error instanceof Error ? error.message : String(error)}`);
});
