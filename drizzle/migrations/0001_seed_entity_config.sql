-- TTLs from the design: stock 5 min, invoices and movements 30 min, products 24 h.
-- Closed months (older than the previous month) of the dated entities use 7 days:
-- history rarely changes, and re-reading it is the ERP load this cache exists to avoid.
INSERT INTO entity_config (entity, ttl_seconds, closed_month_ttl_seconds, page_size, enabled, lock_timeout_seconds)
VALUES
  ('keszlet',        300,   NULL,   200, true, 300),
  ('kimeno_szamla',  1800,  604800, 200, true, 300),
  ('raktari_mozgas', 1800,  604800, 200, true, 300),
  ('cikk',           86400, NULL,   200, true, 300)
ON CONFLICT (entity) DO NOTHING;
