-- Catalog schema: categories and products, with full-text and typo-tolerant search on products.

-- Trigram matching for the search fallback that forgives typos ("skilet" finds "Skillet").
-- pg_trgm is a trusted extension, so the database owner (the service's role) may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE categories (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug        text NOT NULL UNIQUE,
  name        text NOT NULL,
  description text NOT NULL DEFAULT ''
);

CREATE TABLE products (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  sku            text NOT NULL UNIQUE,
  name           text NOT NULL,
  description    text NOT NULL,
  category_id    uuid NOT NULL REFERENCES categories(id),
  price_amount   bigint NOT NULL CHECK (price_amount >= 0),
  price_currency char(3) NOT NULL DEFAULT 'USD',
  image_url      text,
  active         boolean NOT NULL DEFAULT true,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  -- Name words carry weight A and description words weight B, so ranking can put name hits first.
  search_vector  tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', name), 'A') || setweight(to_tsvector('english', description), 'B')
  ) STORED
);

CREATE INDEX products_search_vector_idx ON products USING gin (search_vector);
CREATE INDEX products_name_trgm_idx ON products USING gin (name gin_trgm_ops);
-- Browsing lists active products by (name, id); the category filter joins on category_id.
CREATE INDEX products_active_name_idx ON products (name, id) WHERE active;
CREATE INDEX products_category_idx ON products (category_id);
