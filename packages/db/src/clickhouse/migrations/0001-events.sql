-- Raw event tables. ORDER BY leads with program and partner so per-partner, per-time reads
-- touch few granules; non_replicated_deduplication_window makes a retried batch carrying the
-- same insert_deduplication_token a no-op (the tracker's exactly-once guarantee rests on it).
CREATE TABLE IF NOT EXISTS clicks
(
    event_id UUID,
    ts DateTime64(3, 'UTC'),
    click_id String,
    program_id UUID,
    partner_id UUID,
    link_id UInt32,
    visitor_hash String,
    ip_hash String,
    country LowCardinality(String),
    device LowCardinality(String),
    user_agent String,
    referer String,
    sub1 String, sub2 String, sub3 String, sub4 String, sub5 String,
    utm_source String, utm_medium String, utm_campaign String,
    is_unique UInt8,
    is_bot UInt8,
    fraud_score UInt16,
    fraud_flags Array(LowCardinality(String))
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(ts)
ORDER BY (program_id, partner_id, ts, event_id)
SETTINGS non_replicated_deduplication_window = 100000;

-- Pixel hits (impressions, client-side conversions) and conversion events (created, status
-- changes, refunds as negative amounts) from postbacks, the API and the snippet.
CREATE TABLE IF NOT EXISTS events
(
    event_id UUID,
    ts DateTime64(3, 'UTC'),
    type LowCardinality(String),
    program_id UUID,
    partner_id UUID,
    link_id UInt32,
    click_id String,
    conversion_id String,
    order_id String,
    event_name LowCardinality(String),
    status LowCardinality(String),
    amount_minor Int64,
    commission_minor Int64,
    currency LowCardinality(String),
    visitor_hash String,
    ip_hash String,
    user_agent String,
    referer String,
    sub1 String, sub2 String, sub3 String, sub4 String, sub5 String,
    is_bot UInt8,
    fraud_score UInt16,
    fraud_flags Array(LowCardinality(String))
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(ts)
ORDER BY (program_id, partner_id, ts, event_id)
SETTINGS non_replicated_deduplication_window = 100000;
