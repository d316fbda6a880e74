CREATE TABLE "erp_health" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"state" text DEFAULT 'closed' NOT NULL,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"opened_until" timestamp with time zone,
	"backoff_seconds" integer DEFAULT 0 NOT NULL,
	"probe_started_at" timestamp with time zone,
	"last_error" text,
	"last_error_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "erp_health_single_row" CHECK ("erp_health"."id" = 1),
	CONSTRAINT "erp_health_state_check" CHECK (state in ('closed', 'open'))
);
--> statement-breakpoint
CREATE TABLE "hydrations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"entities" text[] NOT NULL,
	"from_month" text NOT NULL,
	"to_month" text NOT NULL,
	"force" boolean DEFAULT false NOT NULL,
	"mode" text NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"total_partitions" integer NOT NULL,
	"requested_by" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"error" text,
	CONSTRAINT "hydrations_status_check" CHECK (status in ('running', 'done', 'cancelled', 'failed')),
	CONSTRAINT "hydrations_mode_check" CHECK (mode in ('inngest', 'inline', 'cli'))
);
--> statement-breakpoint
ALTER TABLE "sync_metadata" ADD COLUMN "rerun_requested" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "data_issues" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD COLUMN "issue_sample" jsonb;--> statement-breakpoint
CREATE INDEX "hydrations_started_at_idx" ON "hydrations" USING btree ("started_at" DESC NULLS LAST);