/**
 * A bounded set of request ids of calls settled locally (timeout, cancel). A RESULT or ERROR
 * that arrives later for one of them is expected and ignored; for any other id it is a violation.
 * The oldest ids are forgotten first, so memory stays bounded however many calls time out.
 */
export class LateIdSet {
  private readonly ids = new Set<number>();

  constructor(private readonly capacity: number) {}

  /** Remembers `id`, forgetting the oldest one when full. */
  add(id: number): void {
    if (this.ids.size >= this.capacity) {
      const oldest = this.ids.values().next();
      if (!oldest.done) this.ids.delete(oldest.value);
    }
    this.ids.add(id);
  }

  /** Forgets everything (ids are per session; a new join starts over). */
  clear(): void {
    this.ids.clear();
  }

  /** True when `id` was settled locally and is still remembered. */
  has(id: number): boolean {
    return this.ids.has(id);
  }
}
