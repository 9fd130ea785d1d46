-- Daily clicks by partner x link x sub-ids (the partner portal's per-sub-id stats). Partner leads
-- the sort key: every read is one partner's. Like the other rollups, a SummingMergeTree kept by a
-- materialized view; the clicks already stored are added once, when this migration runs (at start,
-- before the tracker takes clicks).
CREATE TABLE IF NOT EXISTS clicks_subid_daily_v1
(
    day Date,
    program_id UUID,
    partner_id UUID,
    link_id UInt32,
    sub1 String, sub2 String, sub3 String, sub4 String, sub5 String,
    clicks UInt64,
    unique_clicks UInt64,
    bot_clicks UInt64
)
ENGINE = SummingMergeTree
PARTITION BY toYYYYMM(day)
ORDER BY (partner_id, day, link_id, sub1, sub2, sub3, sub4, sub5, program_id)
SETTINGS non_replicated_deduplication_window = 100000;

CREATE MATERIALIZED VIEW IF NOT EXISTS clicks_subid_daily_mv_v1 TO clicks_subid_daily_v1 AS
SELECT
    toDate(ts) AS day,
    program_id,
    partner_id,
    link_id,
    sub1, sub2, sub3, sub4, sub5,
    count() AS clicks,
    countIf(is_unique = 1 AND is_bot = 0) AS unique_clicks,
    countIf(is_bot = 1) AS bot_clicks
FROM clicks
GROUP BY day, program_id, partner_id, link_id, sub1, sub2, sub3, sub4, sub5;

INSERT INTO clicks_subid_daily_v1
SELECT
    toDate(ts) AS day,
    program_id,
    partner_id,
    link_id,
    sub1, sub2, sub3, sub4, sub5,
    count() AS clicks,
    countIf(is_unique = 1 AND is_bot = 0) AS unique_clicks,
    countIf(is_bot = 1) AS bot_clicks
FROM clicks
GROUP BY day, program_id, partner_id, link_id, sub1, sub2, sub3, sub4, sub5;
