-- Interactions of a profile with one product over all time, recomputed for
-- every (profile_id, product_id) a batch touched. Fee lines and events about fee
-- products are left out. units and revenue are net of cancellations, orders
-- counts the distinct completed orders with the product, and rating_sum
-- over reviews gives the mean rating.
CREATE TABLE IF NOT EXISTS {database}.profile_products
(
    profile_id String,
    product_id String,
    category   String,
    units      Int64,
    revenue    Decimal(18, 4),
    orders     UInt32,
    views      UInt32,
    cart_adds  UInt32,
    reviews    UInt32,
    rating_sum UInt32,
    last_at    DateTime('UTC'),
    version    UInt64
)
ENGINE = ReplacingMergeTree(version)
ORDER BY (profile_id, product_id)
