/**
 * The version being served, and the watch that swaps it when its alias moves: the new version is
 * loaded and warmed up beside the old one, then takes new requests; the old one finishes what it
 * holds before its session is freed. A version that fails to load is retried later while the old
 * one goes on serving.
 */
import { describeError } from "../core/errors.js";
import type { ServedModel } from "./served-model.js";

export interface SlotEvents {
  swapped(from: ServedModel, to: ServedModel): void;
  loadFailed(version: number, message: string): void;
  watchFailed(message: string): void;
}

/** A version that failed to load is tried again after this long. */
const RETRY_FAILED_MS = 30_000;

export class ModelSlot {
  private timer: NodeJS.Timeout | undefined;
  private checking: Promise<void> | undefined;
  private failed: { version: number; at: number } | undefined;
  private closed = false;

  constructor(
    public current: ServedModel,
    private readonly load: (version: number) => Promise<ServedModel>,
    private readonly target: () => Promise<number>,
    private readonly events: SlotEvents,
  ) {}

  /** Checks the alias every `intervalMs` until closed. */
  watch(intervalMs: number): void {
    const tick = () => {
      this.checking = this.check().finally(() => {
        this.checking = undefined;
        if (!this.closed) this.timer = setTimeout(tick, intervalMs).unref();
      });
    };
    this.timer = setTimeout(tick, intervalMs).unref();
  }

  /** Stops watching and frees the session once its requests are answered. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.checking;
    await this.current.release();
  }

  private async check(): Promise<void> {
    let version: number;
    try {
      version = await this.target();
    } catch (error) {
      this.events.watchFailed(describeError(error));
      return;
    }
    if (version === this.current.version) return;
    if (this.failed?.version === version && Date.now() - this.failed.at < RETRY_FAILED_MS) return;
    let next: ServedModel;
    try {
      next = await this.load(version);
    } catch (error) {
      this.failed = { version, at: Date.now() };
      this.events.loadFailed(version, describeError(error));
      return;
    }
    if (this.closed) {
      await next.release();
      return;
    }
    const previous = this.current;
    this.current = next;
    this.failed = undefined;
    this.events.swapped(previous, next);
    await previous.release();
  }
}
