-- Daily rollups by day x program x partner x link, kept by materialized views writing TO
-- versioned target tables (a new version is a new table + view, never an ALTER of old data).
CREATE TABLE IF NOT EXISTS clicks_daily_v1
(
    day Date,
    program_id UUID,
    partner_id UUID,
    link_id UInt32,
    clicks UInt64,
    unique_clicks UInt64,
    bot_clicks UInt64
)
ENGINE = SummingMergeTree
PARTITION BY toYYYYMM(day)
ORDER BY (program_id, partner_id, day, link_id)
SETTINGS non_replicated_deduplication_window = 100000;

CREATE MATERIALIZED VIEW IF NOT EXISTS clicks_daily_mv_v1 TO clicks_daily_v1 AS
SELECT
    toDate(ts) AS day,
    program_id,
    partner_id,
    link_id,
    count() AS clicks,
    countIf(is_unique = 1 AND is_bot = 0) AS unique_clicks,
    countIf(is_bot = 1) AS bot_clicks
FROM clicks
GROUP BY day, program_id, partner_id, link_id;

CREATE TABLE IF NOT EXISTS events_daily_v1
(
    day Date,
    program_id UUID,
    partner_id UUID,
    link_id UInt32,
    type LowCardinality(String),
    event_name LowCardinality(String),
    currency LowCardinality(String),
    events UInt64,
    bot_events UInt64,
    amount_minor Int64,
    commission_minor Int64
)
ENGINE = SummingMergeTree
PARTITION BY toYYYYMM(day)
ORDER BY (program_id, partner_id, day, link_id, type, event_name, currency)
SETTINGS non_replicated_deduplication_window = 100000;

CREATE MATERIALIZED VIEW IF NOT EXISTS events_daily_mv_v1 TO events_daily_v1 AS
SELECT
    toDate(ts) AS day,
    program_id,
    partner_id,
    link_id,
    type,
    event_name,
    currency,
    count() AS events,
    countIf(is_bot = 1) AS bot_events,
    sum(amount_minor) AS amount_minor,
    sum(commission_minor) AS commission_minor
FROM events
GROUP BY day, program_id, partner_id, link_id, type, event_name, currency;
