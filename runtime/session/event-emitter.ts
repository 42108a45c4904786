/** A minimal typed event emitter (no Node `events` import, so it runs in browsers). */
export interface TypedEmitter<E extends { [K in keyof E]: (...args: never[]) => void }> {
  /** Adds a listener; returns a function that removes it. */
  on<K extends keyof E>(event: K, listener: E[K]): () => void;
  /** Removes a listener added with `on`. */
  off<K extends keyof E>(event: K, listener: E[K]): void;
  /** Calls every listener of `event`; returns the errors listeners threw (never throws). */
  emit<K extends keyof E>(event: K, ...args: Parameters<E[K]>): unknown[];
}

/** Creates a {@link TypedEmitter}. */
export function createEmitter<E extends { [K in keyof E]: (...args: never[]) => void }>(): TypedEmitter<E> {
  const listeners = new Map<keyof E, Array<E[keyof E]>>();
  return {
    on(event, listener) {
      const list = listeners.get(event);
      if (list) list.push(listener);
      else listeners.set(event, [listener]);
      return () => this.off(event, listener);
    },
    off(event, listener) {
      const list = listeners.get(event);
      const i = list ? list.indexOf(listener) : -1;
      if (list && i >= 0) list.splice(i, 1);
    },
    emit(event, ...args) {
      const list = listeners.get(event);
      if (!list || list.length === 0) return [];
      const errors: unknown[] = [];
      // Copy so a listener that removes itself does not skip the next one.
      for (const listener of list.slice()) {
        try {
          (listener as unknown as (...a: unknown[]) => void)(...args);
        } catch (error) {
          errors.push(error);
        }
      }
      return errors;
    },
  };
}
