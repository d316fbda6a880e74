-- The sync lock: Postgres is the one authority on who syncs a partition.
-- Inngest singletons, event dedupe and the inline queue only thin the traffic
-- before it reaches claim_sync_lock(); correctness never depends on them.

-- Claims the lock of one (entity, partition) for run p_run_id. Returns true for
-- exactly one of any number of concurrent callers: the UPDATE below takes the
-- row lock, and every other caller re-checks its WHERE against the winner's
-- committed row (lock_token no longer null) and updates nothing.
-- Not claimed: the partition is fresh (synced within p_ttl_seconds, unless
-- p_force), another run holds a lock younger than the entity's
-- lock_timeout_seconds, or the entity is disabled.
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
  ON CONFLICT (entity, filter_hash) DO NOTHING;

  UPDATE sync_metadata
     SET status          = 'syncing',
         lock_token      = p_run_id,
         locked_at       = now(),
         last_attempt_at = now(),
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

-- Releases the lock held by p_run_id and records how the run ended. With
-- p_error null the run succeeded: last_synced_at becomes the run's start time
-- (the data is as fresh as the moment the read began) and the counts are kept.
-- With p_error set, status becomes 'error', the message is kept and
-- last_synced_at keeps its old value, so the partition stays stale and is retried.
-- Returns false when p_run_id no longer holds the lock (it was taken over).
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
         last_synced_at       = CASE WHEN v_failed THEN last_synced_at ELSE locked_at END,
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
--> statement-breakpoint

-- Every change of a partition's state is announced on channel sync_changed
-- (delivered at commit), so SSE streams and waiting workers need no polling.
CREATE OR REPLACE FUNCTION notify_sync_changed() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  PERFORM pg_notify(
    'sync_changed',
    json_build_object(
      'entity',       NEW.entity,
      'partition',    NEW.partition,
      'status',       NEW.status,
      'lastSyncedAt', NEW.last_synced_at,
      'runId',        COALESCE(NEW.lock_token, NEW.last_run_id)
    )::text
  );
  RETURN NULL;
END;
$$;
--> statement-breakpoint

CREATE TRIGGER sync_metadata_notify
AFTER UPDATE ON sync_metadata
FOR EACH ROW
WHEN (OLD.status IS DISTINCT FROM NEW.status
      OR OLD.last_synced_at IS DISTINCT FROM NEW.last_synced_at
      OR OLD.lock_token IS DISTINCT FROM NEW.lock_token
      OR OLD.last_run_id IS DISTINCT FROM NEW.last_run_id)
EXECUTE FUNCTION notify_sync_changed();
