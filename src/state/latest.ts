/** The answer a request gets when a newer one made it pointless (see {@link latest}). */
export const STALE = Object.freeze({ stale: true as const });
export type Stale = typeof STALE;
export const isStale = (x: unknown): x is Stale => x === STALE;

export interface LatestOptions<A> {
  /**
   * How a request made while another waits joins it (e.g. the union of slider moves); without
   * it the newer request replaces the waiting one. Either way the older caller answers STALE:
   * each answer has one receiver, the newest caller of its request.
   */
  merge?: (waiting: A, next: A) => A;
  /**
   * 'invalidated' (default): an answer is delivered unless invalidate() was called after its
   * request started (a drag shows every intermediate list). 'superseded': also stale once any
   * newer request was made (a preview for options the user has already changed).
   */
  stale?: 'invalidated' | 'superseded';
  /**
   * Start every request at once instead of one at a time, for engines that abandon an older
   * request themselves when a newer one arrives (the upload preview, the item map). Only the
   * newest answer is delivered ('superseded').
   */
  overlap?: boolean;
}

export interface Latest<A, R> {
  /** Runs `request(arg)` when the one in flight ends, one at a time. */
  (arg: A): Promise<R | Stale>;
  /** Answers of requests started before now are stale, and a waiting request is dropped. */
  invalidate(): void;
  readonly busy: boolean;
}

/**
 * Latest request wins, for engine calls that users can fire faster than they are answered
 * (slider drags, arrow keys through a user list, option changes in the upload dialog). At most one
 * request is in flight; later ones wait in a single slot, merged or replaced, so nothing queues up.
 */
export function latest<A, R>(request: (arg: A) => Promise<R>, options: LatestOptions<A> = {}): Latest<A, R> {
  let generation = 0;
  let made = 0;
  let running = false;
  let inFlight = 0;
  let waiting: { arg: A; resolve: (r: R | Stale) => void; reject: (e: unknown) => void } | null = null;

  const pump = async () => {
    running = true;
    try {
      while (waiting) {
        const job = waiting;
        waiting = null;
        const startedGen = generation;
        const startedMade = made;
        try {
          const r = await request(job.arg);
          const stale = generation !== startedGen || (options.stale === 'superseded' && made !== startedMade);
          job.resolve(stale ? STALE : r);
        } catch (e) {
          if (generation !== startedGen) job.resolve(STALE);
          else job.reject(e);
        }
      }
    } finally {
      running = false;
    }
  };

  const overlapping = (arg: A): Promise<R | Stale> => {
    const mine = ++made;
    const startedGen = generation;
    const current = () => made === mine && generation === startedGen;
    inFlight++;
    return request(arg)
      .finally(() => inFlight--)
      .then(
        (r) => (current() ? r : STALE),
        (e: unknown) => {
          if (current()) throw e;
          return STALE;
        },
      );
  };

  const run = ((arg: A) =>
    options.overlap
      ? overlapping(arg)
      : new Promise<R | Stale>((resolve, reject) => {
          made++;
          const merged = waiting && options.merge ? options.merge(waiting.arg, arg) : arg;
          waiting?.resolve(STALE);
          waiting = { arg: merged, resolve, reject };
          if (!running) void pump();
        })) as Latest<A, R>;
  run.invalidate = () => {
    generation++;
    waiting?.resolve(STALE);
    waiting = null;
  };
  Object.defineProperty(run, 'busy', { get: () => running || inFlight > 0 });
  return run;
}
