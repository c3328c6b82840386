import type { SparseBatch } from '../model/batch';
import type { NoiseSource } from '../model/random';

/** A contiguous run of a minibatch's users, and of their clicks. */
export interface Shard {
  batch: SparseBatch;
  userStart: number;
  clickStart: number;
}

/** Splits a minibatch into `parts` contiguous runs of users, as equal in size as possible. */
export function splitBatch(batch: SparseBatch, parts: number): Shard[] {
  const shards: Shard[] = [];
  let userStart = 0;
  let clickStart = 0;
  for (let p = 0; p < parts; p++) {
    const userEnd = userStart + Math.floor(batch.nUsers / parts) + (p < batch.nUsers % parts ? 1 : 0);
    let clickEnd = clickStart;
    while (clickEnd < batch.rows.length && batch.rows[clickEnd] < userEnd) clickEnd++;
    const rows = new Int32Array(clickEnd - clickStart);
    for (let j = 0; j < rows.length; j++) rows[j] = batch.rows[clickStart + j] - userStart;
    shards.push({
      batch: {
        nUsers: userEnd - userStart,
        nItems: batch.nItems,
        rows,
        cols: batch.cols.subarray(clickStart, clickEnd),
        counts: batch.counts.subarray(userStart, userEnd),
      },
      userStart,
      clickStart,
    });
    userStart = userEnd;
    clickStart = clickEnd;
  }
  return shards;
}

/**
 * The noise one shard's forward pass sees: every draw is made at the whole minibatch's size and
 * the shard's slice is returned, so a user gets the same dropout mask and ε whichever replica
 * computes it. Per-click draws (dropout) are sliced by clicks, per-user draws (ε) by users, and
 * draws that do not depend on the batch (Gumbel noise on the item assignments) pass through.
 */
export class ShardNoise implements NoiseSource {
  constructor(
    private readonly source: NoiseSource,
    private readonly full: SparseBatch,
    private readonly shard: Shard,
  ) {}

  gumbels(n: number): Float32Array {
    return this.source.gumbels(n);
  }

  dropoutMask(n: number, keep: number): Float32Array {
    const width = perUnit(n, this.shard.batch.rows.length, 'dropout mask', 'click');
    const all = this.source.dropoutMask(this.full.rows.length * width, keep);
    return all.subarray(this.shard.clickStart * width, this.shard.clickStart * width + n);
  }

  normals(n: number): Float32Array {
    const width = perUnit(n, this.shard.batch.nUsers, 'normal draw', 'user');
    const all = this.source.normals(this.full.nUsers * width);
    return all.subarray(this.shard.userStart * width, this.shard.userStart * width + n);
  }
}

function perUnit(n: number, units: number, what: string, unit: string): number {
  if (units === 0 || n % units !== 0) throw new Error(`a ${what} of ${n} values is not a whole number per ${unit} (${units} ${unit}s)`);
  return n / units;
}
