-- Counts requests against their rate-limit windows (src/http/rate-limit-store.ts): each
-- hit is one request's count against one key. A window starts with a key's first request
-- and lasts until its end; a request after the end starts it anew. Answers, for each
-- request, when the latest window it is over ends, or null when it is within every limit.
--
-- One call counts a batch: the requests an instance received while its previous batch
-- was being counted, in their order, as of p_now. The k-th of a batch's n hits on a key
-- counts as the window's count before the batch plus k, exactly as if they had come one
-- after the other; each key's row is written once. Keys are locked in their order, so
-- instances counting the same keys never deadlock. A request's keys must be distinct.
CREATE OR REPLACE FUNCTION hit_rate_limits_batch(p_requests integer[], p_keys text[], p_window_ends timestamptz[], p_limits integer[], p_now timestamptz)
RETURNS TABLE (request integer, blocked_until timestamptz) LANGUAGE sql VOLATILE AS $$
  WITH hits AS (
    SELECT h.request, h.key, h.lim,
      row_number() OVER (PARTITION BY h.key ORDER BY h.ord) AS k,
      count(*) OVER (PARTITION BY h.key) AS n,
      first_value(h.window_end) OVER (PARTITION BY h.key ORDER BY h.ord) AS first_end
    FROM unnest(p_requests, p_keys, p_window_ends, p_limits) WITH ORDINALITY AS h(request, key, window_end, lim, ord)
  ),
  counted AS (
    INSERT INTO rate_limit_windows AS w (key, count, reset_at)
    SELECT DISTINCT ON (hits.key) hits.key, hits.n, hits.first_end FROM hits ORDER BY hits.key
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN w.reset_at <= p_now THEN excluded.count ELSE w.count + excluded.count END,
      reset_at = CASE WHEN w.reset_at <= p_now THEN excluded.reset_at ELSE w.reset_at END
    RETURNING w.key, w.count AS total, w.reset_at
  )
  SELECT hits.request, max(c.reset_at) FILTER (WHERE c.total - hits.n + hits.k > hits.lim)
  FROM hits JOIN counted c ON c.key = hits.key
  GROUP BY hits.request
$$;

-- Counted one request at a time before batches.
DROP FUNCTION IF EXISTS hit_rate_limits(text[], timestamptz[], integer[], timestamptz);
