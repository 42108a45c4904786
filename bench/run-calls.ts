/** Runs `total` calls keeping `inFlight` outstanding; resolves when all have answered. Shared by the router and client suites. */
export function runCalls(call: () => Promise<unknown>, total: number, inFlight: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let started = 0;
    let done = 0;
    const next = (): void => {
      if (started >= total) return;
      started++;
      call().then(() => {
        done++;
        if (done === total) resolve();
        else next();
      }, reject);
    };
    for (let i = 0; i < Math.min(inFlight, total); i++) next();
  });
}
