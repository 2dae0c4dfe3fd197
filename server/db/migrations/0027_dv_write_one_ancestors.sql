-- Issue 15: data_value_write_one walks up to a unit's ancestors by primary key only. Its first
-- version joined the ancestors found back to org_units to learn which is the root, which the
-- planner did as a hash join over every unit (9 ms of a 30 ms call at national scale).
CREATE OR REPLACE FUNCTION data_value_write_one(
  p_epoch bigint,
  p_indicator uuid,
  p_unit uuid,
  p_period text,
  p_value numeric,
  p_value_text text,
  p_comment text,
  p_version integer,
  p_round_plans uuid[],
  p_actor uuid,
  p_actor_name text,
  p_actor_roles text[],
  p_ip text,
  p_request_id text
) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  cur record;
  v_before numeric;
  v_outcome text;
  v_frozen integer;
BEGIN
  -- the app's cached catalogue, plans and roles are those of this epoch
  IF (SELECT epoch FROM cache_epoch WHERE id) IS DISTINCT FROM p_epoch THEN
    RETURN 'stale';
  END IF;
  -- a unit's officer writes only the periods of its open rounds (guards.ts checkPeriods)
  IF p_round_plans IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM reports r JOIN rounds rd ON rd.id = r.round_id
    WHERE r.org_unit_id = p_unit AND rd.period = p_period AND rd.status = 'open'
      AND rd.plan_id = ANY (p_round_plans)
  ) THEN
    RETURN 'refused';
  END IF;
  -- reports before values, in id order, as guards.ts reportLocks: a submission waits or is seen
  SELECT count(*) FILTER (WHERE x.status IN ('submitted', 'approved', 'accepted')) INTO v_frozen
  FROM (
    SELECT r.status FROM reports r
    JOIN rounds rd ON rd.id = r.round_id
    JOIN report_indicators ri ON ri.report_id = r.id
    WHERE ri.indicator_id = p_indicator AND r.org_unit_id = p_unit AND rd.period = p_period
    ORDER BY r.id
    FOR SHARE OF r
  ) x;
  IF v_frozen > 0 THEN
    RETURN 'refused';
  END IF;

  SELECT v.value, v.comment, v.version INTO cur FROM data_values v
  WHERE v.indicator_id = p_indicator AND v.org_unit_id = p_unit AND v.period = p_period
  FOR UPDATE;
  IF NOT FOUND THEN
    IF p_version IS NOT NULL THEN
      RETURN 'refused';
    END IF;
    INSERT INTO data_values (indicator_id, org_unit_id, period, value, comment, state, updated_by)
    VALUES (p_indicator, p_unit, p_period, p_value, p_comment, 'draft', p_actor)
    ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
      -- created by another writer since: the general path treats it as the update it now is
      RETURN 'refused';
    END IF;
    v_before := NULL;
    v_outcome := 'created';
  ELSE
    IF p_version IS NOT NULL AND cur.version <> p_version THEN
      RETURN 'refused';
    END IF;
    IF cur.value = p_value AND cur.comment IS NOT DISTINCT FROM p_comment THEN
      RETURN 'unchanged';
    END IF;
    UPDATE data_values SET value = p_value, comment = p_comment, version = version + 1,
      state = 'draft', updated_by = p_actor, updated_at = now()
    WHERE indicator_id = p_indicator AND org_unit_id = p_unit AND period = p_period;
    v_before := cur.value;
    v_outcome := 'updated';
  END IF;

  INSERT INTO data_value_revisions
    (indicator_id, org_unit_id, period, value, comment, state, changed_by, request_id, reason)
  VALUES (p_indicator, p_unit, p_period, p_value, p_comment, 'draft', p_actor, p_request_id, NULL);

  IF v_before IS DISTINCT FROM p_value THEN
    -- the ancestors that have a parent get their rows moved; the root's share is appended
    WITH RECURSIVE ancestors(ancestor_id, parent_id) AS (
      SELECT a.id, a.parent_id FROM org_units o JOIN org_units a ON a.id = o.parent_id WHERE o.id = p_unit
      UNION ALL
      SELECT a.id, a.parent_id FROM ancestors l JOIN org_units a ON a.id = l.parent_id
    ),
    root_deltas AS (
      INSERT INTO data_rollup_deltas
        (indicator_id, org_unit_id, period, value_count, value_sum, value_min, value_max, latest_value, latest_at, stale)
      SELECT p_indicator, a.ancestor_id, p_period, 1 - (v_before IS NOT NULL)::int, p_value - coalesce(v_before, 0),
        p_value, p_value, p_value, now(), v_before IS NOT NULL
      FROM ancestors a WHERE a.parent_id IS NULL
    )
    INSERT INTO data_rollups AS r
      (indicator_id, org_unit_id, period, value_count, value_sum, value_min, value_max, latest_value, latest_at)
    SELECT p_indicator, a.ancestor_id, p_period, 1 - (v_before IS NOT NULL)::int, p_value - coalesce(v_before, 0),
      p_value, p_value, p_value, now()
    FROM ancestors a WHERE a.parent_id IS NOT NULL
    ORDER BY a.ancestor_id
    ON CONFLICT (indicator_id, org_unit_id, period) DO UPDATE SET
      value_count = r.value_count + excluded.value_count,
      value_sum = r.value_sum + excluded.value_sum,
      value_min = least(r.value_min, excluded.value_min),
      value_max = greatest(r.value_max, excluded.value_max),
      latest_value = coalesce(excluded.latest_value, r.latest_value),
      latest_at = coalesce(excluded.latest_at, r.latest_at);

    -- a replaced value that was an ancestor's extreme leaves its min/max stale: recompute those
    IF v_before IS NOT NULL THEN
      WITH RECURSIVE ancestors(ancestor_id, parent_id) AS (
        SELECT a.id, a.parent_id FROM org_units o JOIN org_units a ON a.id = o.parent_id WHERE o.id = p_unit
        UNION ALL
        SELECT a.id, a.parent_id FROM ancestors l JOIN org_units a ON a.id = l.parent_id
      ),
      stale AS (
        SELECT l.ancestor_id FROM ancestors l
        JOIN data_rollups r ON r.indicator_id = p_indicator AND r.org_unit_id = l.ancestor_id AND r.period = p_period
        WHERE l.parent_id IS NOT NULL AND (v_before = r.value_min OR v_before = r.value_max)
      ),
      below(ancestor_id, unit_id) AS (
        SELECT s.ancestor_id, o.id FROM stale s JOIN org_units o ON o.parent_id = s.ancestor_id
        UNION ALL
        SELECT b.ancestor_id, o.id FROM below b JOIN org_units o ON o.parent_id = b.unit_id
      ),
      fresh AS (
        SELECT b.ancestor_id, min(v.value) AS value_min, max(v.value) AS value_max,
          (array_agg(v.value ORDER BY v.updated_at DESC))[1] AS latest_value, max(v.updated_at) AS latest_at
        FROM below b
        JOIN data_values v ON v.indicator_id = p_indicator AND v.org_unit_id = b.unit_id AND v.period = p_period
        GROUP BY b.ancestor_id
      )
      UPDATE data_rollups r SET
        value_min = f.value_min, value_max = f.value_max, latest_value = f.latest_value, latest_at = f.latest_at
      FROM stale s LEFT JOIN fresh f ON f.ancestor_id = s.ancestor_id
      WHERE r.indicator_id = p_indicator AND r.org_unit_id = s.ancestor_id AND r.period = p_period;
    END IF;
  END IF;

  -- the event audit/service.ts auditChange writes for one value (the sequencer seals it later)
  INSERT INTO audit_events
    (actor_user_id, actor_name, actor_roles, ip, request_id, action, resource_type, resource_id, org_unit_id, before, after)
  VALUES (p_actor, p_actor_name, p_actor_roles, p_ip, p_request_id, 'data_value.write', 'data_value',
    p_indicator::text || '|' || p_unit::text || '|' || p_period, p_unit,
    jsonb_build_object('value', v_before::text), jsonb_build_object('value', p_value_text));
  RETURN v_outcome;
END;
$$;
