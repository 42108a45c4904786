/** The messages the serializer benchmark encodes and decodes. */

/** The small payload from the brief. */
export const SMALL_PAYLOAD = { id: 42, name: 'x' };

/** A realistic object (mixed strings, numbers, lists, a nested dict) whose JSON is about 1 KiB. */
export const KIB_PAYLOAD = ((): Record<string, unknown> => {
  const value: Record<string, unknown> = {
    id: 42,
    name: 'sensor-station-0042',
    active: true,
    location: { lat: 52.520008, lon: 13.404954, city: 'Berlin', country: 'DE' },
    tags: ['weather', 'outdoor', 'calibrated', 'rooftop'],
    owner: { id: 9007199254740000, email: 'ops@example.com', roles: ['admin', 'maintainer'] },
    readings: [] as Array<Record<string, unknown>>,
  };
  const readings = value.readings as Array<Record<string, unknown>>;
  let i = 0;
  while (JSON.stringify(value).length < 1024) {
    readings.push({ t: 1732190000000 + i * 60000, temp: 12.5 + i / 10, hum: 60 + i, ok: i % 5 !== 0 });
    i++;
  }
  return value;
})();

/** One benchmarked message. */
export interface BenchMessage {
  readonly label: string;
  readonly payloadLabel: string;
  readonly message: unknown[];
}

/** CALL and EVENT, each with the small and the 1 KiB payload. */
export const MESSAGES: readonly BenchMessage[] = [
  { label: 'CALL', payloadLabel: 'small', message: [48, 7814135, {}, 'com.example.add', [SMALL_PAYLOAD]] },
  { label: 'CALL', payloadLabel: '1 KiB', message: [48, 7814135, {}, 'com.example.add', [KIB_PAYLOAD]] },
  { label: 'EVENT', payloadLabel: 'small', message: [36, 5512315355, 4429313566, {}, [SMALL_PAYLOAD]] },
  { label: 'EVENT', payloadLabel: '1 KiB', message: [36, 5512315355, 4429313566, {}, [KIB_PAYLOAD]] },
];

/** An EVENT carrying 1 KiB of bytes (exercises the JSON base64 path). */
export const BINARY_EVENT: unknown[] = [
  36,
  5512315355,
  4429313566,
  {},
  [new Uint8Array(1024).map((_, i) => i & 255)],
];

/** An EVENT whose payload is 200 small dicts (JSON: over 128 brackets, so depth is really checked). */
export const MANY_DICTS_EVENT: unknown[] = [
  36,
  5512315355,
  4429313566,
  {},
  Array.from({ length: 200 }, (_, i) => ({ i, ok: i % 2 === 0 })),
];
