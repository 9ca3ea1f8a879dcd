import type { SampleRecord, VerdictRecord } from "./records.ts";

/** A finished sample and its verdicts, written together. */
export interface WriteItem {
  sample: SampleRecord;
  verdicts: VerdictRecord[];
}

/** Commits items, in one transaction where it can; per item, `null` or the error that kept it out. */
export type CommitBatch = (items: WriteItem[]) => Promise<Array<unknown | null>>;

/**
 * Group commit: writes queue up and go to `commit` together when `maxItems` are waiting or the oldest
 * has waited `maxDelayMs`. Each write's promise settles when its own item is committed (or refused), so a
 * crash loses only writes whose promise had not resolved.
 *
 * @example
 * const writer = new BatchWriter(async (items) => items.map(() => null));
 * await writer.write({ sample, verdicts });
 */
export class BatchWriter {
  private pending: Array<WriteItem & { resolve: () => void; reject: (error: unknown) => void }> = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly inFlight = new Set<Promise<void>>();

  private readonly commit: CommitBatch;
  private readonly options: { maxItems: number; maxDelayMs: number };

  constructor(commit: CommitBatch, options = { maxItems: 64, maxDelayMs: 20 }) {
    this.commit = commit;
    this.options = options;
  }

  write(item: WriteItem): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ ...item, resolve, reject });
      if (this.pending.length >= this.options.maxItems) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.options.maxDelayMs);
    });
  }

  /** Sends everything queued to `commit` now. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    const settled = this.commit(batch.map(({ sample, verdicts }) => ({ sample, verdicts }))).then(
      (results) => {
        batch.forEach((item, i) => {
          const error = results[i];
          if (error === null || error === undefined) item.resolve();
          else item.reject(error);
        });
      },
      (error: unknown) => {
        for (const item of batch) item.reject(error);
      },
    );
    this.inFlight.add(settled);
    void settled.finally(() => this.inFlight.delete(settled));
  }

  /** Flushes and waits until every write so far has been committed or refused. */
  async drain(): Promise<void> {
    this.flush();
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
  }
}
