-- The circuit breaker has exactly one row.
INSERT INTO erp_health (id) VALUES (1) ON CONFLICT (id) DO NOTHING;
--> statement-breakpoint

-- claim_sync_lock() as in 0002, with two changes: it clears rerun_requested (the
-- new run covers every request made before it started), and its first insert
-- ignores a conflict on either unique key (entity+filter_hash, entity+partition);
-- 0002 named only the first, so two racing first claims could fail on the second.
CREATE OR REPLACE FUNCTION claim_sync_lock(
  p_entity        text,
  p_partition     text,
  p_filter_params jsonb,
  p_filter_hash   text,
  p_ttl_seconds   integer,
  p_run_id        uuid,
  p_trigger       text,
  p_force         boolean DEFAULT false
) RETURNS boolean
LANGUAGE plpgsql
AS $$
DECLARE
  v_config  entity_config%ROWTYPE;
  v_claimed bigint;
BEGIN
  IF p_run_id IS NULL THEN
    RAISE EXCEPTION 'claim_sync_lock: p_run_id must not be null' USING ERRCODE = '22004';
  END IF;
  IF p_ttl_seconds IS NULL OR p_ttl_seconds < 0 THEN
    RAISE EXCEPTION 'claim_sync_lock: p_ttl_seconds must be >= 0, got %', p_ttl_seconds USING ERRCODE = '22023';
  END IF;

  SELECT * INTO v_config FROM entity_config WHERE entity = p_entity;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'claim_sync_lock: unknown entity "%"', p_entity USING ERRCODE = '22023';
  END IF;
  IF NOT v_config.enabled THEN
    RETURN false;
  END IF;

  INSERT INTO sync_metadata (entity, partition, filter_params, filter_hash)
  VALUES (p_entity, p_partition, p_filter_params, p_filter_hash)
  -- No conflict target: concurrent first claims may collide on either unique key.
  ON CONFLICT DO NOTHING;

  UPDATE sync_metadata
     SET status          = 'syncing',
         lock_token      = p_run_id,
         locked_at       = now(),
         last_attempt_at = now(),
         -- This run reads everything posted so far: requests it covers owe no follow-up.
         rerun_requested = false,
         updated_at      = now()
   WHERE entity = p_entity
     AND filter_hash = p_filter_hash
     AND (lock_token IS NULL
          OR locked_at < now() - make_interval(secs => v_config.lock_timeout_seconds))
     AND (p_force
          OR last_synced_at IS NULL
          OR last_synced_at <= now() - make_interval(secs => p_ttl_seconds))
  RETURNING id INTO v_claimed;

  IF v_claimed IS NULL THEN
    RETURN false;
  END IF;

  -- A run still marked running here lost its lock to the timeout: it crashed or hung.
  UPDATE sync_runs
     SET status      = 'abandoned',
         finished_at = now(),
         error       = format('lock older than %s s was taken over by run %s', v_config.lock_timeout_seconds, p_run_id)
   WHERE entity = p_entity
     AND partition = p_partition
     AND status = 'running';

  INSERT INTO sync_runs (id, entity, partition, filter_hash, trigger, status, started_at)
  VALUES (p_run_id, p_entity, p_partition, p_filter_hash, p_trigger, 'running', now());

  RETURN true;
END;
$$;
--> statement-breakpoint

-- release_sync_lock() as in 0002, but the data's age is the run's start (sync_runs.started_at):
-- locked_at now moves with each page's heartbeat, so it no longer marks the start.
CREATE OR REPLACE FUNCTION release_sync_lock(
  p_entity      text,
  p_filter_hash text,
  p_run_id      uuid,
  p_pages       integer DEFAULT 0,
  p_records     integer DEFAULT 0,
  p_error       text DEFAULT NULL
) RETURNS boolean
LANGUAGE plpgsql
AS $$
DECLARE
  v_released bigint;
  v_failed   boolean := p_error IS NOT NULL;
BEGIN
  UPDATE sync_metadata
     SET status               = CASE WHEN v_failed THEN 'error' ELSE 'success' END,
         last_synced_at       = CASE WHEN v_failed THEN last_synced_at
                                     ELSE (SELECT started_at FROM sync_runs WHERE id = p_run_id) END,
         pages                = CASE WHEN v_failed THEN pages ELSE p_pages END,
         records              = CASE WHEN v_failed THEN records ELSE p_records END,
         last_error           = CASE WHEN v_failed THEN p_error ELSE NULL END,
         last_error_at        = CASE WHEN v_failed THEN now() ELSE last_error_at END,
         consecutive_failures = CASE WHEN v_failed THEN consecutive_failures + 1 ELSE 0 END,
         last_run_id          = p_run_id,
         lock_token           = NULL,
         locked_at            = NULL,
         updated_at           = now()
   WHERE entity = p_entity
     AND filter_hash = p_filter_hash
     AND lock_token = p_run_id
  RETURNING id INTO v_released;

  IF v_released IS NULL THEN
    RETURN false;
  END IF;

  UPDATE sync_runs
     SET status      = CASE WHEN v_failed THEN 'error' ELSE 'success' END,
         finished_at = now(),
         pages       = p_pages,
         records     = p_records,
         error       = p_error
   WHERE id = p_run_id;

  RETURN true;
END;
$$;
