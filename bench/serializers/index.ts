/**
 * Serializer benchmark: encode, decode and decodeFrame (deserialize + decodeMessage) ops/s for
 * CALL and EVENT with a small and a 1 KiB payload, per serializer, then reference rows that
 * justify the design (library encoders and decoders we did not pick, JSON with a replacer).
 */
import * as msgpackLib from '@msgpack/msgpack';
import {
  Decoder as CborXDecoder,
  Encoder as CborXEncoder,
  isNativeAccelerationEnabled as cborNative,
} from 'cbor-x';
import type { Serializer } from '../../runtime/serializers/index.js';
import {
  cborSerializer,
  decodeFrame,
  jsonSerializer,
  msgpackSerializer,
} from '../../runtime/serializers/index.js';
import type { BenchOptions } from '../run.js';
import { consumeSink, FULL, formatOps, type MeasureOptions, measureAll, QUICK } from './measure.js';
import { BINARY_EVENT, MANY_DICTS_EVENT, MESSAGES } from './payloads.js';

const SERIALIZERS: readonly Serializer[] = [jsonSerializer, msgpackSerializer, cborSerializer];

function byteLength(data: string | Uint8Array): number {
  return typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength;
}

function mainTable(m: MeasureOptions): string[] {
  const lines = [
    '| serializer | message | payload | bytes | encode ops/s | decode ops/s | decodeFrame ops/s |',
    '|---|---|---|--:|--:|--:|--:|',
  ];
  for (const s of SERIALIZERS) {
    for (const { label, payloadLabel, message } of MESSAGES) {
      const frame = s.serialize(message);
      const [encode = 0, decode = 0, full = 0] = measureAll(
        [() => s.serialize(message), () => s.deserialize(frame), () => decodeFrame(s, frame)],
        m,
      );
      lines.push(
        `| ${s.name} | ${label} | ${payloadLabel} | ${byteLength(frame)} | ${formatOps(encode)} | ${formatOps(decode)} | ${formatOps(full)} |`,
      );
    }
  }
  return lines;
}

/** Loads msgpackr when installed (it is only a reference point, not a runtime dependency). */
async function loadMsgpackr(): Promise<typeof import('msgpackr') | undefined> {
  try {
    return await import('msgpackr');
  } catch {
    return undefined;
  }
}

/** One group of alternatives measured together (interleaved). */
interface Group {
  readonly title: string;
  readonly rows: ReadonlyArray<readonly [string, () => unknown]>;
}

async function referenceGroups(): Promise<Group[]> {
  const msgpackr = await loadMsgpackr();
  const packr = msgpackr ? new msgpackr.Packr({ useRecords: false, variableMapSize: true }) : undefined;
  const unpackr = msgpackr
    ? new msgpackr.Unpackr({ useRecords: false, mapsAsObjects: true, int64AsType: 'number' })
    : undefined;
  const cborX = new CborXEncoder({ useRecords: false, tagUint8Array: false, variableMapSize: true });
  // The options the runtime decoded CBOR with until it got its own decoder (int64AsNumber is not in the .d.ts).
  const cborXDecoder = new CborXDecoder({
    useRecords: false,
    mapsAsObjects: true,
    int64AsNumber: true,
  } as ConstructorParameters<typeof CborXDecoder>[0]);
  const msgpackLibDecoder = new msgpackLib.Decoder();
  const replacer = (_key: string, value: unknown) => value;
  const groups: Group[] = [];
  for (const { label, payloadLabel, message } of MESSAGES.filter((x) => x.label === 'EVENT')) {
    const name = `${label} ${payloadLabel}`;
    const mp = msgpackSerializer.serialize(message) as Uint8Array;
    const cb = cborSerializer.serialize(message) as Uint8Array;
    const js = jsonSerializer.serialize(message) as string;
    groups.push({
      title: `json encode, ${name}`,
      rows: [
        ['ours: value scan + JSON.stringify (used)', () => jsonSerializer.serialize(message)],
        ['bare JSON.stringify (no value rules)', () => JSON.stringify(message)],
        ['JSON.stringify with a no-op replacer', () => JSON.stringify(message, replacer)],
      ],
    });
    groups.push({
      title: `msgpack encode, ${name}`,
      rows: [
        ['ours (used)', () => msgpackSerializer.serialize(message)],
        ['@msgpack/msgpack encode() (2^53 as float64)', () => msgpackLib.encode(message)],
        ...(packr ? [['msgpackr pack() (ints >= 2^32 as float64)', () => packr.pack(message)] as const] : []),
      ],
    });
    groups.push({
      title: `json decode, ${name}`,
      rows: [
        ['ours: JSON.parse + checks (used)', () => jsonSerializer.deserialize(js)],
        ['bare JSON.parse (no checks)', () => JSON.parse(js)],
      ],
    });
    groups.push({
      title: `msgpack decode, ${name}`,
      rows: [
        ['ours: msgpackSerializer.deserialize (used)', () => msgpackSerializer.deserialize(mp)],
        ['@msgpack/msgpack Decoder', () => msgpackLibDecoder.decode(mp)],
        ...(unpackr ? [['msgpackr unpack()', () => unpackr.unpack(mp)] as const] : []),
      ],
    });
    groups.push({
      title: `cbor decode, ${name}`,
      rows: [
        ['ours: cborSerializer.deserialize (used)', () => cborSerializer.deserialize(cb)],
        ['cbor-x Decoder', () => cborXDecoder.decode(cb)],
      ],
    });
    groups.push({
      title: `cbor encode, ${name}`,
      rows: [
        ['ours (used)', () => cborSerializer.serialize(message)],
        ['cbor-x encode() (ints >= 2^32 as float64)', () => cborX.encode(message)],
      ],
    });
  }
  // More than 128 brackets: the JSON decoder cannot rule out deep nesting by counting them.
  const manyDicts = jsonSerializer.serialize(MANY_DICTS_EVENT) as string;
  groups.push({
    title: 'json decode, EVENT with 200 small dicts',
    rows: [
      ['ours: JSON.parse + checks (used)', () => jsonSerializer.deserialize(manyDicts)],
      ['bare JSON.parse (no checks)', () => JSON.parse(manyDicts)],
    ],
  });
  groups.push({
    title: 'EVENT with 1 KiB of bytes (json: base64 path)',
    rows: SERIALIZERS.flatMap((s) => {
      const frame = s.serialize(BINARY_EVENT);
      return [
        [`${s.name} encode`, () => s.serialize(BINARY_EVENT)],
        [`${s.name} decode`, () => s.deserialize(frame)],
      ] as const;
    }),
  });
  return groups;
}

async function referenceTable(m: MeasureOptions): Promise<string[]> {
  const lines = ['| comparison | variant | ops/s | vs first |', '|---|---|--:|--:|'];
  for (const group of await referenceGroups()) {
    const ops = measureAll(
      group.rows.map(([, fn]) => fn),
      m,
    );
    group.rows.forEach(([variant], i) => {
      const ratio = (ops[i] ?? 0) / (ops[0] ?? 1);
      lines.push(`| ${group.title} | ${variant} | ${formatOps(ops[i] ?? 0)} | ${ratio.toFixed(2)}x |`);
    });
  }
  return lines;
}

/** Runs the serializer suite and prints markdown tables. */
export async function run(options: BenchOptions): Promise<void> {
  const m = options.quick ? QUICK : FULL;
  const out = (line: string) => process.stdout.write(`${line}\n`);
  out(
    `cbor-x native string extraction: ${cborNative ? 'on' : 'off'}; ` +
      `rounds ${m.rounds} x ${m.roundMs} ms after ${m.warmupMs} ms warm-up; median reported.`,
  );
  out('');
  for (const line of mainTable(m)) out(line);
  out('');
  out('Reference points (alternatives measured interleaved; the ratio to the first row is what counts):');
  out('');
  for (const line of await referenceTable(m)) out(line);
  if ((await loadMsgpackr()) === undefined)
    out('\n(msgpackr is not installed: its reference rows were skipped.)');
  if (!consumeSink()) out('(nothing measured)');
}
