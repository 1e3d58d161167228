-- rlx results store, schema version 5: several drivers may share one store. A driver claims a
-- trial by moving it from PENDING to RUNNING in one statement (a compare-and-set), names itself
-- as its owner and holds a lease it renews; a RUNNING trial whose lease has expired (its driver
-- was killed, its machine died) may be claimed again. `claims` counts every claim, so "each
-- trial ran exactly once" can be read off the store. Idempotent: H2 commits each DDL statement, so
-- a migration whose connection broke half-way (the process serving the store was killed) is
-- simply run again.
ALTER TABLE trials ADD COLUMN IF NOT EXISTS owner VARCHAR(128);
ALTER TABLE trials ADD COLUMN IF NOT EXISTS lease_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE trials ADD COLUMN IF NOT EXISTS claims INT NOT NULL DEFAULT 0;
CREATE INDEX IF NOT EXISTS trials_owner ON trials (owner, status);
