-- Product catalogue: retail stock codes, perfumes and cosmetics products,
-- written by `profilectl import online-retail` and `profilectl import catalogue`.
CREATE TABLE IF NOT EXISTS catalogue_products (
    -- Retail stock code (upper-cased), "fragrantica:<slug>" or the shop's
    -- own product id.
    product_id  text PRIMARY KEY,
    -- Data set the row came from: online-retail, fragrantica or sephora.
    source      text NOT NULL,
    name        text NOT NULL DEFAULT '',
    brand       text NOT NULL DEFAULT '',
    -- Category from pkg/catalogue (candles, home fragrance, fragrance, fee, ...).
    category    text NOT NULL DEFAULT 'other',
    -- Lower-case scent notes, canonical names of pkg/scent where known.
    scent_notes text[] NOT NULL DEFAULT '{}',
    accords     text[] NOT NULL DEFAULT '{}',
    -- Typical unit price in the shop's currency; NULL when unknown.
    price       numeric(18,4),
    -- True for postage, discounts, adjustments and other non-products.
    is_fee      boolean NOT NULL DEFAULT false,
    -- Average customer rating (Fragrantica 1-5, the retailer's 1-5) and
    -- the number of votes or reviews behind it; NULL when unknown.
    rating      numeric(6,3),
    rating_count integer,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS catalogue_products_category_idx ON catalogue_products (category);
CREATE INDEX IF NOT EXISTS catalogue_products_scent_notes_idx ON catalogue_products USING gin (scent_notes);
