// Reads products from the catalog over HTTP (GET /v1/products/{id}), for prices at order time. Retries
// and outlier handling belong to the mesh in front of CATALOG_URL, not here.
import { AppError, tracedFetch } from '@emporium/service-kit';
import type { CatalogProduct } from '../domain/order.js';

export interface CatalogClient {
  /** Each product by id; undefined for ids the catalog does not know. */
  products(ids: string[]): Promise<Map<string, CatalogProduct | undefined>>;
}

const unavailable = (detail: string) => new AppError('unavailable', `The catalog cannot be reached: ${detail}`);

export function createCatalogClient(baseUrl: string, timeoutMs: number): CatalogClient {
  const base = baseUrl.replace(/\/$/, '');
  async function product(id: string): Promise<CatalogProduct | undefined> {
    let response: Response;
    try {
      response = await tracedFetch(
        `${base}/v1/products/${encodeURIComponent(id)}`,
        { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } },
        'catalog',
      );
    } catch (error) {
      throw unavailable((error as Error).name === 'TimeoutError' ? 'timed out' : (error as Error).message);
    }
    if (response.status === 404) {
      await response.body?.cancel();
      return undefined;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw unavailable(`it answered ${response.status}`);
    }
    const body = (await response.json()) as Partial<CatalogProduct>;
    if (typeof body.id !== 'string' || typeof body.price?.amount !== 'number') {
      throw new AppError('bad_gateway', 'The catalog answered with something that is not a product');
    }
    return {
      id: body.id,
      sku: String(body.sku),
      name: String(body.name),
      price: body.price,
      active: body.active !== false,
    };
  }
  return {
    async products(ids) {
      const found = await Promise.all(ids.map(async (id) => [id, await product(id)] as const));
      return new Map(found);
    },
  };
}
