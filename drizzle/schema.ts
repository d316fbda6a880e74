import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
// Relative, not "@/": drizzle-kit loads this file without the app's path aliases.
import { USER_ROLES, type UserRole } from "../lib/auth/roles";

/**
 * The cache schema. Money and quantities are unconstrained `numeric` so that
 * products like net price × quantity stay exact; Drizzle hands them to
 * JavaScript as strings, never as floats.
 */

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const ENTITIES = ["keszlet", "kimeno_szamla", "raktari_mozgas", "cikk"] as const;
export type Entity = (typeof ENTITIES)[number];

export const SYNC_TRIGGERS = ["read", "cron", "hydrate", "manual"] as const;
export type SyncTrigger = (typeof SYNC_TRIGGERS)[number];

export const SYNC_STATUSES = ["never", "syncing", "success", "error"] as const;
export type SyncStatus = (typeof SYNC_STATUSES)[number];

export const RUN_STATUSES = ["running", "success", "error", "abandoned"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

const inList = (column: string, values: readonly string[]) =>
  sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(", ")})`);

/** Per-entity sync settings; seeded by a migration, editable by operators. */
export const entityConfig = pgTable(
  "entity_config",
  {
    entity: text("entity", { enum: ENTITIES }).primaryKey(),
    ttlSeconds: integer("ttl_seconds").notNull(),
    // Only the month-partitioned entities have closed months.
    closedMonthTtlSeconds: integer("closed_month_ttl_seconds"),
    pageSize: integer("page_size").notNull().default(200),
    enabled: boolean("enabled").notNull().default(true),
    lockTimeoutSeconds: integer("lock_timeout_seconds").notNull().default(300),
    updatedAt: timestamptz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    check("entity_config_entity_check", inList("entity", ENTITIES)),
    check("entity_config_ttl_positive", sql`${t.ttlSeconds} > 0`),
    check(
      "entity_config_closed_month_ttl_positive",
      sql`${t.closedMonthTtlSeconds} is null or ${t.closedMonthTtlSeconds} > 0`,
    ),
    check("entity_config_page_size_range", sql`${t.pageSize} between 1 and 1000`),
    check("entity_config_lock_timeout_positive", sql`${t.lockTimeoutSeconds} > 0`),
  ],
);

/** Cached lines of outgoing invoices (`kimeno_szamla`), one row per invoice line. */
export const salesInvoiceLines = pgTable(
  "sales_invoice_lines",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    invoiceNo: text("invoice_no").notNull(),
    lineNo: integer("line_no").notNull(),
    fulfillmentDate: date("fulfillment_date", { mode: "string" }).notNull(),
    sku: text("sku").notNull(),
    productName: text("product_name"),
    quantity: numeric("quantity").notNull(),
    netPrice: numeric("net_price").notNull(),
    vatPct: numeric("vat_pct").notNull(),
    grossPrice: numeric("gross_price").notNull(),
    netValue: numeric("net_value").notNull(),
    grossValue: numeric("gross_value").notNull(),
    currency: text("currency"),
    isStorno: boolean("is_storno").notNull().default(false),
    rawXmlHash: text("raw_xml_hash").notNull(),
    syncRunId: uuid("sync_run_id").notNull(),
    syncedAt: timestamptz("synced_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("sales_invoice_lines_invoice_line_key").on(t.invoiceNo, t.lineNo),
    index("sales_invoice_lines_date_idx").on(t.fulfillmentDate),
    index("sales_invoice_lines_sku_date_idx").on(t.sku, t.fulfillmentDate),
    check("sales_invoice_lines_line_no_positive", sql`${t.lineNo} > 0`),
  ],
);

/** Cached lines of warehouse movement documents (`raktari_mozgas`); deleted documents never land. */
export const warehouseMovements = pgTable(
  "warehouse_movements",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    documentNo: text("document_no").notNull(),
    lineNo: integer("line_no").notNull(),
    movementDate: date("movement_date", { mode: "string" }).notNull(),
    direction: text("direction", { enum: ["in", "out"] }).notNull(),
    movementType: text("movement_type").notNull(),
    sku: text("sku").notNull(),
    quantity: numeric("quantity").notNull(),
    rawXmlHash: text("raw_xml_hash").notNull(),
    syncRunId: uuid("sync_run_id").notNull(),
    syncedAt: timestamptz("synced_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("warehouse_movements_document_line_key").on(t.documentNo, t.lineNo),
    index("warehouse_movements_date_idx").on(t.movementDate),
    index("warehouse_movements_sku_date_idx").on(t.sku, t.movementDate),
    check("warehouse_movements_direction_check", inList("direction", ["in", "out"])),
    check("warehouse_movements_line_no_positive", sql`${t.lineNo} > 0`),
  ],
);

/** Current available stock per product and warehouse (`keszlet`), replaced by each full read. */
export const inventorySnapshot = pgTable(
  "inventory_snapshot",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    sku: text("sku").notNull(),
    warehouse1: numeric("warehouse_1").notNull().default("0"),
    warehouse2: numeric("warehouse_2").notNull().default("0"),
    warehouse3: numeric("warehouse_3").notNull().default("0"),
    warehouse4: numeric("warehouse_4").notNull().default("0"),
    warehouse5: numeric("warehouse_5").notNull().default("0"),
    warehouse6: numeric("warehouse_6").notNull().default("0"),
    // Derived in the database so it can never disagree with the six columns.
    totalAvailable: numeric("total_available")
      .notNull()
      .generatedAlwaysAs(
        sql`warehouse_1 + warehouse_2 + warehouse_3 + warehouse_4 + warehouse_5 + warehouse_6`,
      ),
    rawXmlHash: text("raw_xml_hash").notNull(),
    syncRunId: uuid("sync_run_id").notNull(),
    syncedAt: timestamptz("synced_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("inventory_snapshot_sku_key").on(t.sku)],
);

/** The product master (`cikk`). Products missing from a full read are marked inactive, not deleted. */
export const products = pgTable(
  "products",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    sku: text("sku").notNull(),
    name: text("name").notNull(),
    category: text("category"),
    manufacturer: text("manufacturer"),
    unit: text("unit"),
    active: boolean("active").notNull().default(true),
    rawXmlHash: text("raw_xml_hash").notNull(),
    syncRunId: uuid("sync_run_id").notNull(),
    syncedAt: timestamptz("synced_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("products_sku_key").on(t.sku),
    // Substring search over 6,500+ products by name or SKU (pg_trgm, see the migration).
    index("products_name_trgm_idx").using("gin", sql`${t.name} gin_trgm_ops`),
    index("products_sku_trgm_idx").using("gin", sql`${t.sku} gin_trgm_ops`),
  ],
);

/**
 * One row per (entity, partition): who holds the sync lock, when the partition was
 * last synced, and how the last attempt ended. Written only by claim_sync_lock() and
 * release_sync_lock(), which keep it consistent under concurrency.
 */
export const syncMetadata = pgTable(
  "sync_metadata",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    entity: text("entity", { enum: ENTITIES })
      .notNull()
      .references(() => entityConfig.entity),
    partition: text("partition").notNull(),
    filterParams: jsonb("filter_params").notNull(),
    filterHash: text("filter_hash").notNull(),
    status: text("status", { enum: SYNC_STATUSES }).notNull().default("never"),
    lockToken: uuid("lock_token"),
    lockedAt: timestamptz("locked_at"),
    lastSyncedAt: timestamptz("last_synced_at"),
    lastAttemptAt: timestamptz("last_attempt_at"),
    lastRunId: uuid("last_run_id"),
    pages: integer("pages").notNull().default(0),
    records: integer("records").notNull().default(0),
    lastError: text("last_error"),
    lastErrorAt: timestamptz("last_error_at"),
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    /** Set when a sync was requested while this partition was already syncing: one follow-up run is owed. */
    rerunRequested: boolean("rerun_requested").notNull().default(false),
    updatedAt: timestamptz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("sync_metadata_entity_filter_hash_key").on(t.entity, t.filterHash),
    uniqueIndex("sync_metadata_entity_partition_key").on(t.entity, t.partition),
    check("sync_metadata_status_check", inList("status", SYNC_STATUSES)),
    check("sync_metadata_lock_consistent", sql`(${t.lockToken} is null) = (${t.lockedAt} is null)`),
  ],
);

/** History of every sync attempt, newest first in the admin view. */
export const syncRuns = pgTable(
  "sync_runs",
  {
    id: uuid("id").primaryKey(),
    entity: text("entity", { enum: ENTITIES })
      .notNull()
      .references(() => entityConfig.entity),
    partition: text("partition").notNull(),
    filterHash: text("filter_hash").notNull(),
    trigger: text("trigger", { enum: SYNC_TRIGGERS }).notNull(),
    status: text("status", { enum: RUN_STATUSES }).notNull().default("running"),
    startedAt: timestamptz("started_at").notNull().defaultNow(),
    finishedAt: timestamptz("finished_at"),
    pages: integer("pages").notNull().default(0),
    records: integer("records").notNull().default(0),
    error: text("error"),
    /** Records the ERP sent that could not be stored (unparsable numbers, dates…), with a sample. */
    dataIssues: integer("data_issues").notNull().default(0),
    issueSample: jsonb("issue_sample"),
  },
  (t) => [
    index("sync_runs_started_at_idx").on(t.startedAt.desc()),
    index("sync_runs_partition_idx").on(t.entity, t.partition, t.startedAt.desc()),
    check("sync_runs_trigger_check", inList("trigger", SYNC_TRIGGERS)),
    check("sync_runs_status_check", inList("status", RUN_STATUSES)),
  ],
);

/**
 * Daily rollups of the cached lines, rebuilt for a month in the same
 * transaction as that month's sweep, so dashboards aggregate a few hundred
 * rows instead of every invoice line – and always agree with the lines.
 */
export const salesDaily = pgTable("sales_daily", {
  day: date("day", { mode: "string" }).primaryKey(),
  lines: integer("lines").notNull(),
  quantity: numeric("quantity").notNull(),
  netValue: numeric("net_value").notNull(),
  grossValue: numeric("gross_value").notNull(),
});

export const salesDailySku = pgTable(
  "sales_daily_sku",
  {
    day: date("day", { mode: "string" }).notNull(),
    sku: text("sku").notNull(),
    lines: integer("lines").notNull(),
    quantity: numeric("quantity").notNull(),
    netValue: numeric("net_value").notNull(),
    grossValue: numeric("gross_value").notNull(),
  },
  (t) => [primaryKey({ columns: [t.sku, t.day] }), index("sales_daily_sku_day_idx").on(t.day)],
);

export const movementsDaily = pgTable(
  "movements_daily",
  {
    day: date("day", { mode: "string" }).notNull(),
    movementType: text("movement_type").notNull(),
    direction: text("direction", { enum: ["in", "out"] }).notNull(),
    lines: integer("lines").notNull(),
    quantity: numeric("quantity").notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.movementType, t.direction] })],
);

/**
 * The ERP's health, shared by every app process: a circuit breaker that stops
 * syncs while the ERP keeps failing, and lets one probe through after a back-off.
 */
export const erpHealth = pgTable(
  "erp_health",
  {
    id: integer("id").primaryKey().default(1),
    state: text("state", { enum: ["closed", "open"] }).notNull().default("closed"),
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    openedUntil: timestamptz("opened_until"),
    /** Back-off of the current opening; doubles on each failed probe. */
    backoffSeconds: integer("backoff_seconds").notNull().default(0),
    probeStartedAt: timestamptz("probe_started_at"),
    lastError: text("last_error"),
    lastErrorAt: timestamptz("last_error_at"),
    lastSuccessAt: timestamptz("last_success_at"),
    updatedAt: timestamptz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    check("erp_health_single_row", sql`${t.id} = 1`),
    check("erp_health_state_check", sql`state in ('closed', 'open')`),
  ],
);

/** A backfill of history: which months and entities, and whether it was cancelled. */
export const hydrations = pgTable(
  "hydrations",
  {
    id: uuid("id").primaryKey(),
    entities: text("entities").array().notNull(),
    fromMonth: text("from_month").notNull(),
    toMonth: text("to_month").notNull(),
    force: boolean("force").notNull().default(false),
    mode: text("mode", { enum: ["inngest", "inline", "cli"] }).notNull(),
    status: text("status", { enum: ["running", "done", "cancelled", "failed"] }).notNull().default("running"),
    totalPartitions: integer("total_partitions").notNull(),
    requestedBy: text("requested_by"),
    startedAt: timestamptz("started_at").notNull().defaultNow(),
    finishedAt: timestamptz("finished_at"),
    error: text("error"),
  },
  (t) => [
    index("hydrations_started_at_idx").on(t.startedAt.desc()),
    check("hydrations_status_check", sql`status in ('running', 'done', 'cancelled', 'failed')`),
    check("hydrations_mode_check", sql`mode in ('inngest', 'inline', 'cli')`),
  ],
);

// --- Sign-in (better-auth, through its Drizzle adapter) ----------------------------------
// The adapter addresses these tables by model name (user, session, account, verification,
// rateLimit: see lib/auth/instance.ts) and their columns by property name, so the property
// names are better-auth's field names and must not be renamed; the SQL names are ours.

export { USER_ROLES, type UserRole };

/** People who may sign in. `role`, `banned`, `ban_*` belong to better-auth's admin plugin. */
export const authUsers = pgTable(
  "auth_users",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    // better-auth stores addresses lower-cased.
    email: text("email").notNull(),
    emailVerified: boolean("email_verified").notNull().default(false),
    image: text("image"),
    role: text("role", { enum: USER_ROLES }).notNull().default("viewer"),
    banned: boolean("banned").notNull().default(false),
    banReason: text("ban_reason"),
    banExpires: timestamptz("ban_expires"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    updatedAt: timestamptz("updated_at")
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [uniqueIndex("auth_users_email_key").on(t.email), check("auth_users_role_check", inList("role", USER_ROLES))],
);

/** Signed-in sessions; the cookie carries `token`. Signing out deletes the row. */
export const authSessions = pgTable(
  "auth_sessions",
  {
    id: text("id").primaryKey(),
    token: text("token").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => authUsers.id, { onDelete: "cascade" }),
    expiresAt: timestamptz("expires_at").notNull(),
    ipAddress: text("ip_address"),
    userAgent: text("user_agent"),
    impersonatedBy: text("impersonated_by"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    updatedAt: timestamptz("updated_at")
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [uniqueIndex("auth_sessions_token_key").on(t.token), index("auth_sessions_user_id_idx").on(t.userId)],
);

/** How a user signs in; for email + password, provider `credential` with the password hash. */
export const authAccounts = pgTable(
  "auth_accounts",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull(),
    providerId: text("provider_id").notNull(),
    userId: text("user_id")
      .notNull()
      .references(() => authUsers.id, { onDelete: "cascade" }),
    accessToken: text("access_token"),
    refreshToken: text("refresh_token"),
    idToken: text("id_token"),
    accessTokenExpiresAt: timestamptz("access_token_expires_at"),
    refreshTokenExpiresAt: timestamptz("refresh_token_expires_at"),
    scope: text("scope"),
    password: text("password"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    updatedAt: timestamptz("updated_at")
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [index("auth_accounts_user_id_idx").on(t.userId)],
);

/** better-auth's one-time values (verification and reset tokens); unused by email + password sign-in today. */
export const authVerifications = pgTable(
  "auth_verifications",
  {
    id: text("id").primaryKey(),
    identifier: text("identifier").notNull(),
    value: text("value").notNull(),
    expiresAt: timestamptz("expires_at").notNull(),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    updatedAt: timestamptz("updated_at")
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [index("auth_verifications_identifier_idx").on(t.identifier)],
);

/** better-auth's request counters per client IP and auth path, shared by every app instance. */
export const authRateLimits = pgTable(
  "auth_rate_limits",
  {
    id: text("id").primaryKey(),
    key: text("key").notNull(),
    count: integer("count").notNull(),
    // Milliseconds since the epoch: better-auth's format for this field.
    lastRequest: bigint("last_request", { mode: "number" }).notNull(),
  },
  (t) => [uniqueIndex("auth_rate_limits_key_key").on(t.key)],
);

/**
 * Failed sign-ins per email address (lib/auth/email-limit.ts), counted whether or
 * not the address belongs to a user, so a lock-out reveals nothing. Attempts are
 * counted as they start (a concurrent burst cannot slip past the limit); a
 * successful sign-in deletes the row.
 */
export const authSignInFailures = pgTable(
  "auth_sign_in_failures",
  {
    email: text("email").primaryKey(),
    failures: integer("failures").notNull(),
    windowStartedAt: timestamptz("window_started_at").notNull().defaultNow(),
  },
  (t) => [index("auth_sign_in_failures_window_idx").on(t.windowStartedAt), check("auth_sign_in_failures_positive", sql`${t.failures} > 0`)],
);

export type SalesInvoiceLine = typeof salesInvoiceLines.$inferSelect;
export type NewSalesInvoiceLine = typeof salesInvoiceLines.$inferInsert;
export type WarehouseMovement = typeof warehouseMovements.$inferSelect;
export type NewWarehouseMovement = typeof warehouseMovements.$inferInsert;
export type InventoryRow = typeof inventorySnapshot.$inferSelect;
export type NewInventoryRow = typeof inventorySnapshot.$inferInsert;
export type Product = typeof products.$inferSelect;
export type NewProduct = typeof products.$inferInsert;
export type EntityConfig = typeof entityConfig.$inferSelect;
export type SyncMetadata = typeof syncMetadata.$inferSelect;
export type SyncRun = typeof syncRuns.$inferSelect;
export type ErpHealth = typeof erpHealth.$inferSelect;
export type Hydration = typeof hydrations.$inferSelect;
export type AuthUser = typeof authUsers.$inferSelect;
