CREATE TABLE "entity_config" (
	"entity" text PRIMARY KEY NOT NULL,
	"ttl_seconds" integer NOT NULL,
	"closed_month_ttl_seconds" integer,
	"page_size" integer DEFAULT 200 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"lock_timeout_seconds" integer DEFAULT 300 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "entity_config_entity_check" CHECK (entity in ('keszlet', 'kimeno_szamla', 'raktari_mozgas', 'cikk')),
	CONSTRAINT "entity_config_ttl_positive" CHECK ("entity_config"."ttl_seconds" > 0),
	CONSTRAINT "entity_config_closed_month_ttl_positive" CHECK ("entity_config"."closed_month_ttl_seconds" is null or "entity_config"."closed_month_ttl_seconds" > 0),
	CONSTRAINT "entity_config_page_size_range" CHECK ("entity_config"."page_size" between 1 and 1000),
	CONSTRAINT "entity_config_lock_timeout_positive" CHECK ("entity_config"."lock_timeout_seconds" > 0)
);
--> statement-breakpoint
CREATE TABLE "inventory_snapshot" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "inventory_snapshot_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"sku" text NOT NULL,
	"warehouse_1" numeric DEFAULT '0' NOT NULL,
	"warehouse_2" numeric DEFAULT '0' NOT NULL,
	"warehouse_3" numeric DEFAULT '0' NOT NULL,
	"warehouse_4" numeric DEFAULT '0' NOT NULL,
	"warehouse_5" numeric DEFAULT '0' NOT NULL,
	"warehouse_6" numeric DEFAULT '0' NOT NULL,
	"total_available" numeric GENERATED ALWAYS AS (warehouse_1 + warehouse_2 + warehouse_3 + warehouse_4 + warehouse_5 + warehouse_6) STORED NOT NULL,
	"raw_xml_hash" text NOT NULL,
	"sync_run_id" uuid NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "products" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "products_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"sku" text NOT NULL,
	"name" text NOT NULL,
	"category" text,
	"manufacturer" text,
	"unit" text,
	"active" boolean DEFAULT true NOT NULL,
	"raw_xml_hash" text NOT NULL,
	"sync_run_id" uuid NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sales_invoice_lines" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sales_invoice_lines_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"invoice_no" text NOT NULL,
	"line_no" integer NOT NULL,
	"fulfillment_date" date NOT NULL,
	"sku" text NOT NULL,
	"product_name" text,
	"quantity" numeric NOT NULL,
	"net_price" numeric NOT NULL,
	"vat_pct" numeric NOT NULL,
	"gross_price" numeric NOT NULL,
	"net_value" numeric NOT NULL,
	"gross_value" numeric NOT NULL,
	"currency" text,
	"is_storno" boolean DEFAULT false NOT NULL,
	"raw_xml_hash" text NOT NULL,
	"sync_run_id" uuid NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sales_invoice_lines_line_no_positive" CHECK ("sales_invoice_lines"."line_no" > 0)
);
--> statement-breakpoint
CREATE TABLE "sync_metadata" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sync_metadata_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"entity" text NOT NULL,
	"partition" text NOT NULL,
	"filter_params" jsonb NOT NULL,
	"filter_hash" text NOT NULL,
	"status" text DEFAULT 'never' NOT NULL,
	"lock_token" uuid,
	"locked_at" timestamp with time zone,
	"last_synced_at" timestamp with time zone,
	"last_attempt_at" timestamp with time zone,
	"last_run_id" uuid,
	"pages" integer DEFAULT 0 NOT NULL,
	"records" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"last_error_at" timestamp with time zone,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sync_metadata_status_check" CHECK (status in ('never', 'syncing', 'success', 'error')),
	CONSTRAINT "sync_metadata_lock_consistent" CHECK (("sync_metadata"."lock_token" is null) = ("sync_metadata"."locked_at" is null))
);
--> statement-breakpoint
CREATE TABLE "sync_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"entity" text NOT NULL,
	"partition" text NOT NULL,
	"filter_hash" text NOT NULL,
	"trigger" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"pages" integer DEFAULT 0 NOT NULL,
	"records" integer DEFAULT 0 NOT NULL,
	"error" text,
	CONSTRAINT "sync_runs_trigger_check" CHECK (trigger in ('read', 'cron', 'hydrate', 'manual')),
	CONSTRAINT "sync_runs_status_check" CHECK (status in ('running', 'success', 'error', 'abandoned'))
);
--> statement-breakpoint
CREATE TABLE "warehouse_movements" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "warehouse_movements_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"document_no" text NOT NULL,
	"line_no" integer NOT NULL,
	"movement_date" date NOT NULL,
	"direction" text NOT NULL,
	"movement_type" text NOT NULL,
	"sku" text NOT NULL,
	"quantity" numeric NOT NULL,
	"raw_xml_hash" text NOT NULL,
	"sync_run_id" uuid NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "warehouse_movements_direction_check" CHECK (direction in ('in', 'out')),
	CONSTRAINT "warehouse_movements_line_no_positive" CHECK ("warehouse_movements"."line_no" > 0)
);
--> statement-breakpoint
ALTER TABLE "sync_metadata" ADD CONSTRAINT "sync_metadata_entity_entity_config_entity_fk" FOREIGN KEY ("entity") REFERENCES "public"."entity_config"("entity") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_entity_entity_config_entity_fk" FOREIGN KEY ("entity") REFERENCES "public"."entity_config"("entity") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "inventory_snapshot_sku_key" ON "inventory_snapshot" USING btree ("sku");--> statement-breakpoint
CREATE UNIQUE INDEX "products_sku_key" ON "products" USING btree ("sku");--> statement-breakpoint
CREATE UNIQUE INDEX "sales_invoice_lines_invoice_line_key" ON "sales_invoice_lines" USING btree ("invoice_no","line_no");--> statement-breakpoint
CREATE INDEX "sales_invoice_lines_date_idx" ON "sales_invoice_lines" USING btree ("fulfillment_date");--> statement-breakpoint
CREATE INDEX "sales_invoice_lines_sku_date_idx" ON "sales_invoice_lines" USING btree ("sku","fulfillment_date");--> statement-breakpoint
CREATE UNIQUE INDEX "sync_metadata_entity_filter_hash_key" ON "sync_metadata" USING btree ("entity","filter_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "sync_metadata_entity_partition_key" ON "sync_metadata" USING btree ("entity","partition");--> statement-breakpoint
CREATE INDEX "sync_runs_started_at_idx" ON "sync_runs" USING btree ("started_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "sync_runs_partition_idx" ON "sync_runs" USING btree ("entity","partition","started_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "warehouse_movements_document_line_key" ON "warehouse_movements" USING btree ("document_no","line_no");--> statement-breakpoint
CREATE INDEX "warehouse_movements_date_idx" ON "warehouse_movements" USING btree ("movement_date");--> statement-breakpoint
CREATE INDEX "warehouse_movements_sku_date_idx" ON "warehouse_movements" USING btree ("sku","movement_date");