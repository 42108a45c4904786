/**
 * Fixtures shared by the live-contract tests: an I/O sink for the contract-aware commands, and a
 * generated Weather client whose own contract model is edited (to provoke skew against the callee).
 */
import type { LiveIo } from '../../codegen/cli/live/live-command.js';
import type { ContractModel, ServiceModel } from '../../runtime/contract-model/index.js';
import { ContractClient, type ClientOptions } from '../../runtime/contracts/index.js';
import type { SessionApi } from '../../runtime/session/types.js';
import { contractModel } from '../../schemas/generated/_contract-model.js';
import { WeatherContract, type WeatherRpc } from '../../schemas/generated/weather.js';

/** A `LiveIo` that keeps every line it is given; `stop` aborts a long-running command. */
export function capturingIo(stop?: AbortSignal): LiveIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (line) => stdout.push(line),
    err: (line) => stderr.push(line),
    env: {},
    ...(stop === undefined ? {} : { stop }),
  };
}

/** A Weather client on `session` whose own contract model is `edit` applied to the generated one. */
export function editedWeatherClient(
  session: SessionApi,
  edit: (service: ServiceModel) => ServiceModel,
  options: ClientOptions = {},
): ContractClient<WeatherRpc> {
  const model: ContractModel = {
    ...contractModel,
    files: contractModel.files.map((f) => ({
      ...f,
      services: f.services.map((s) => (s.name === 'Weather' ? edit(s) : s)),
    })),
  };
  class EditedClient extends ContractClient<WeatherRpc> {
    constructor() {
      super(session, { ...WeatherContract, model: async () => model }, options);
    }
  }
  return new EditedClient();
}
