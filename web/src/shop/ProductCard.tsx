// One product in a grid: its artwork, name, category and current price.
import type { Product } from '../api/types';
import { formatMoney } from '../ui/format';
import { Badge } from '../ui/Page';
import { Link } from '../ui/router';

const LOW_STOCK = 5;

/** `available` (from inventory) marks a product that is out of stock or nearly so. */
export function ProductCard({ product, available }: { product: Product; available?: number | undefined }) {
  return (
    <Link className="product-card" href={`/p/${product.id}`} data-testid="product-card">
      {product.image_url ? (
        <img src={product.image_url} alt={product.name} loading="lazy" width="400" height="400" />
      ) : null}
      <div className="body">
        <span className="name">{product.name}</span>
        <span className="category">{product.category.name}</span>
        <span className="spread">
          <span className="price">{formatMoney(product.price)}</span>
          {available === undefined ? null : available <= 0 ? (
            <Badge tone="danger">Out of stock</Badge>
          ) : available <= LOW_STOCK ? (
            <Badge tone="warn">Only {available} left</Badge>
          ) : null}
        </span>
      </div>
    </Link>
  );
}
