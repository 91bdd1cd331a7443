-- Counts one request against each of its rate-limit windows (src/http/rate-limit-store.ts)
-- and answers when the latest window it is over ends, or null when it is within every
-- limit. A window starts with a key's first request and lasts until its end; a request
-- after the end starts it anew. Keys are locked in their order, so two requests counting
-- the same keys never deadlock. The keys must be distinct.
CREATE OR REPLACE FUNCTION hit_rate_limits(p_keys text[], p_window_ends timestamptz[], p_limits integer[], p_now timestamptz)
RETURNS timestamptz LANGUAGE sql VOLATILE AS $$
  WITH hits AS (
    INSERT INTO rate_limit_windows AS w (key, count, reset_at)
    SELECT k.key, 1, k.window_end FROM unnest(p_keys, p_window_ends) AS k(key, window_end) ORDER BY k.key
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN w.reset_at <= p_now THEN 1 ELSE w.count + 1 END,
      reset_at = CASE WHEN w.reset_at <= p_now THEN excluded.reset_at ELSE w.reset_at END
    RETURNING w.key, w.count, w.reset_at
  )
  SELECT max(h.reset_at) FROM hits h JOIN unnest(p_keys, p_limits) AS l(key, lim) ON l.key = h.key WHERE h.count > l.lim
$$;
