-- Trigram indexes for the product picker's substring search (pg_trgm is a trusted extension).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE TABLE "movements_daily" (
	"day" date NOT NULL,
	"movement_type" text NOT NULL,
	"direction" text NOT NULL,
	"lines" integer NOT NULL,
	"quantity" numeric NOT NULL,
	CONSTRAINT "movements_daily_day_movement_type_direction_pk" PRIMARY KEY("day","movement_type","direction")
);
--> statement-breakpoint
CREATE TABLE "sales_daily" (
	"day" date PRIMARY KEY NOT NULL,
	"lines" integer NOT NULL,
	"quantity" numeric NOT NULL,
	"net_value" numeric NOT NULL,
	"gross_value" numeric NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sales_daily_sku" (
	"day" date NOT NULL,
	"sku" text NOT NULL,
	"lines" integer NOT NULL,
	"quantity" numeric NOT NULL,
	"net_value" numeric NOT NULL,
	"gross_value" numeric NOT NULL,
	CONSTRAINT "sales_daily_sku_sku_day_pk" PRIMARY KEY("sku","day")
);
--> statement-breakpoint
CREATE INDEX "sales_daily_sku_day_idx" ON "sales_daily_sku" USING btree ("day");--> statement-breakpoint
CREATE INDEX "products_name_trgm_idx" ON "products" USING gin ("name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "products_sku_trgm_idx" ON "products" USING gin ("sku" gin_trgm_ops);
--> statement-breakpoint
-- Rollups of what is already cached; from here on each month's sync rebuilds its own days.
INSERT INTO sales_daily (day, lines, quantity, net_value, gross_value)
SELECT fulfillment_date, count(*), sum(quantity), sum(net_value), sum(gross_value)
  FROM sales_invoice_lines GROUP BY fulfillment_date;
--> statement-breakpoint
INSERT INTO sales_daily_sku (day, sku, lines, quantity, net_value, gross_value)
SELECT fulfillment_date, sku, count(*), sum(quantity), sum(net_value), sum(gross_value)
  FROM sales_invoice_lines GROUP BY fulfillment_date, sku;
--> statement-breakpoint
INSERT INTO movements_daily (day, movement_type, direction, lines, quantity)
SELECT movement_date, movement_type, direction, count(*), sum(quantity)
  FROM warehouse_movements GROUP BY movement_date, movement_type, direction;
