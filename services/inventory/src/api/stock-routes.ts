// The stock API: availability for the storefront (public), and stock counts and adjustments (admin).
import {
  invalid,
  notFound,
  type Pool,
  principalOf,
  type ServiceApp,
  withIdempotency,
  withTransaction,
} from '@emporium/service-kit';
import { emptyStock } from '../domain/stock.js';
import { adjustStock, type StockSettings, setStock } from '../flows/stock-admin.js';
import { findStock, findStocks } from '../store/stock-store.js';
import {
  type AdjustmentBody,
  adjustStockRoute,
  getStockRoute,
  listStockRoute,
  MAX_PRODUCT_IDS,
  type SetStockBody,
  type StockJson,
  type StockList,
  type StockListQuery,
  setStockRoute,
  toStockJson,
} from './stock-schemas.js';

// The route table: one line per route, naming its handler; schemas and access levels are in stock-schemas.ts.
export function registerStockRoutes(app: ServiceApp, pool: Pool, settings: StockSettings): void {
  app.get('/v1/stock', listStockRoute, (req) => listStock(pool, req.query));
  app.get('/v1/stock/:product_id', getStockRoute, (req) => getStock(pool, req.params.product_id));
  app.put('/v1/stock/:product_id', setStockRoute, (req) =>
    putStock(pool, settings, req.params.product_id, req.body, principalOf(req).userId),
  );
  app.post('/v1/stock/:product_id/adjustments', adjustStockRoute, (req) =>
    postAdjustment(
      pool,
      settings,
      req.params.product_id,
      req.body,
      principalOf(req).userId,
      req.headers['idempotency-key'],
    ),
  );
}

async function getStock(pool: Pool, productId: string): Promise<StockJson> {
  const level = await findStock(pool, productId);
  if (!level) throw notFound(`Inventory has no stock of product ${productId}`);
  return toStockJson(level);
}

async function listStock(pool: Pool, query: StockListQuery): Promise<StockList> {
  const productIds = productIdsOf(query.product_ids);
  const levels = await findStocks(pool, productIds);
  // The threshold is not part of the JSON, so any value serves for products never stocked.
  return { items: productIds.map((id) => toStockJson(levels.get(id) ?? emptyStock(id, 0))) };
}

function putStock(
  pool: Pool,
  settings: StockSettings,
  productId: string,
  body: SetStockBody,
  actor: string,
): Promise<StockJson> {
  return withTransaction(pool, async (tx) =>
    toStockJson(await setStock(tx, { productId, onHand: body.on_hand, actor }, settings)),
  );
}

/** With an Idempotency-Key, a retried adjustment answers as the first did instead of adjusting twice. */
function postAdjustment(
  pool: Pool,
  settings: StockSettings,
  productId: string,
  body: AdjustmentBody,
  actor: string,
  idempotencyKey: string | undefined,
): Promise<StockJson> {
  const change = { productId, delta: body.delta, reason: body.reason, actor };
  return withTransaction(pool, async (tx) => {
    const adjust = async () => ({ statusCode: 200, body: toStockJson(await adjustStock(tx, change, settings)) });
    if (!idempotencyKey) return (await adjust()).body;
    const scope = `inventory-adjustments:${actor}`;
    return (await withIdempotency(tx, { scope, key: idempotencyKey, request: { productId, body } }, adjust)).body;
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The distinct ids of `?product_ids=a,b,c`, lower-cased, in the order given. */
function productIdsOf(list: string): string[] {
  const ids = [...new Set(list.split(',').map((id) => id.trim().toLowerCase()))];
  const path = 'querystring/product_ids';
  const bad = ids.find((id) => !UUID.test(id));
  if (bad !== undefined) throw invalid('product_ids must be UUIDs', [{ path, message: `"${bad}" is not a UUID` }]);
  if (ids.length > MAX_PRODUCT_IDS) {
    throw invalid(`At most ${MAX_PRODUCT_IDS} products per query`, [
      { path, message: `names ${ids.length} products; the most is ${MAX_PRODUCT_IDS}` },
    ]);
  }
  return ids;
}
