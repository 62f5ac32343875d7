-- Storage settings for the tables that churn (BENCHMARKS.md, "Indexes, fillfactor and autovacuum").
--
-- jobs: each row is written three times within seconds of its submission (insert, claim,
-- completion). Pages filled to 85 % keep room for those versions on the row's own page, where
-- PostgreSQL prunes the dead ones as it goes, instead of scattering them over new pages until a
-- vacuum runs; updates that change no indexed column (webhook bookkeeping) are HOT there.
-- Autovacuum runs after 2 % of the rows changed (plus 10,000) instead of 20 %: at ten million
-- rows the default waits for two million dead versions. The same after inserts, so the visibility
-- map (index-only scans of the listing and statistics) stays current, and statistics for the planner.
ALTER TABLE "jobs" SET (
  fillfactor = 85,
  autovacuum_vacuum_scale_factor = 0.02,
  autovacuum_vacuum_threshold = 10000,
  autovacuum_vacuum_insert_scale_factor = 0.02,
  autovacuum_vacuum_insert_threshold = 10000,
  autovacuum_analyze_scale_factor = 0.02
);

-- results: written once, never updated (fillfactor stays 100); vacuumed after inserts as jobs are,
-- so its pages are frozen a little at a time rather than all at once.
ALTER TABLE "results" SET (
  autovacuum_vacuum_insert_scale_factor = 0.02,
  autovacuum_vacuum_insert_threshold = 10000
);
