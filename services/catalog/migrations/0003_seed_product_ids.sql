-- Seed products get ids derived from their SKU, md5('emporium-seed:' || sku)::uuid, so the other
-- services' seed data (inventory's starting stock) names the same products without a lookup.
-- Only the 63 shipped seed SKUs (KIT-001 … TOY-009) are touched.
UPDATE products
SET id = md5('emporium-seed:' || sku)::uuid
WHERE sku ~ '^(KIT|OUT|ELE|HOM|BOO|APP|TOY)-00[1-9]$';
