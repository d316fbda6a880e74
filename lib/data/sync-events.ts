import "server-only";
import pg from "pg";
import { getDb, type Entity } from "@/lib/db";

/** One NOTIFY sync_changed, as the trigger on sync_metadata sends it. */
export interface SyncChangedEvent {
  entity: Entity;
  partition: string;
  status: string;
  lastSyncedAt: string | null;
  runId: string | null;
}

type Listener = (event: SyncChangedEvent) => void;

/**
 * One LISTEN connection per server process, fanned out to every SSE client.
 * It is opened with the first subscriber, re-opened with back-off when the
 * database drops it, and closed when the last subscriber leaves.
 */
class SyncEventHub {
  private readonly listeners = new Set<Listener>();
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private retryMs = 500;

  async subscribe(listener: Listener): Promise<() => void> {
    this.listeners.add(listener);
    await this.connect();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) void this.disconnect();
    };
  }

  get subscribers(): number {
    return this.listeners.size;
  }

  private connect(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= (async () => {
      const { url } = await getDb();
      const client = new pg.Client({ connectionString: url });
      client.on("notification", (message) => {
        if (message.channel !== "sync_changed" || !message.payload) return;
        let event: SyncChangedEvent;
        try {
          event = JSON.parse(message.payload) as SyncChangedEvent;
        } catch {
          return;
        }
        for (const listener of this.listeners) listener(event);
      });
      client.on("error", (error) => {
        console.error(`[sync-events] LISTEN connection lost: ${error.message}`);
        this.reconnectLater();
      });
      client.on("end", () => {
        if (this.client === client) this.reconnectLater();
      });
      await client.connect();
      await client.query("listen sync_changed");
      this.client = client;
      this.retryMs = 500;
    })().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private reconnectLater(): void {
    const dead = this.client;
    this.client = undefined;
    void dead?.end().catch(() => {});
    if (this.listeners.size === 0) return;
    const delay = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, 30_000);
    setTimeout(() => {
      if (this.listeners.size > 0) this.connect().catch(() => this.reconnectLater());
    }, delay).unref();
  }

  private async disconnect(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }
}

const GLOBAL_KEY = Symbol.for("erp-cache.sync-events");
type GlobalWithHub = typeof globalThis & { [GLOBAL_KEY]?: SyncEventHub };

export function syncEventHub(): SyncEventHub {
  const holder = globalThis as GlobalWithHub;
  holder[GLOBAL_KEY] ??= new SyncEventHub();
  return holder[GLOBAL_KEY];
}
