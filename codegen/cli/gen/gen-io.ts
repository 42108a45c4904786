/** Where `gen` prints and what it may wait on; the CLI passes the process's, tests their own. */
export interface GenIo {
  readonly cwd: string;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Print progress lines (the CLI enables them when stderr is a terminal). */
  readonly progress: boolean;
  /** Ends `--watch` when aborted (the CLI aborts on SIGINT/SIGTERM). */
  readonly signal?: AbortSignal;
  /** Called after each watch rebuild (tests wait on it). */
  readonly onRebuild?: (exitCode: number) => void;
}
