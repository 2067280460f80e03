-- Starting stock for the 63 seed catalog products (KIT-001 … TOY-009). Catalog derives their ids from
-- the SKU, md5('emporium-seed:' || sku)::uuid, so no lookup is needed. Most get 50-200 units (from a
-- hash of the SKU, the same on every machine); a few are nearly sold out, so a purchase or two shows
-- StockLow (threshold 5) in a demo, and HOM-006 (2 left) shows an out-of-stock rejection.
INSERT INTO stock (product_id, on_hand, low_stock_threshold)
SELECT md5('emporium-seed:' || seed.sku)::uuid,
       coalesce(nearly_sold_out.on_hand, 50 + get_byte(decode(md5(seed.sku), 'hex'), 0) * 151 / 256),
       5
FROM (
  SELECT prefix || '-00' || n AS sku
  FROM unnest(ARRAY['KIT', 'OUT', 'ELE', 'HOM', 'BOO', 'APP', 'TOY']) AS prefix, generate_series(1, 9) AS n
) AS seed
LEFT JOIN (
  VALUES ('KIT-005', 6), ('OUT-001', 7), ('ELE-003', 8), ('APP-006', 9), ('TOY-006', 6), ('HOM-006', 2)
) AS nearly_sold_out (sku, on_hand) ON nearly_sold_out.sku = seed.sku
ON CONFLICT (product_id) DO NOTHING;
