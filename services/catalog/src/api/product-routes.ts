// The products API: browse, search and read products (public), and create, change and delete them (admin).
import {
  conflict,
  forbidden,
  invalid,
  isUniqueViolation,
  notFound,
  type PageQuery,
  type Pool,
  type Principal,
  type ServiceApp,
  toPage,
  withTransaction,
} from '@emporium/service-kit';
import { v7 as uuidv7 } from 'uuid';
import { browsePositionOf, searchPositionOf, searchTermOf } from '../domain/listing.js';
import { changeProduct, draftProduct, type Product } from '../domain/product.js';
import { productCreated, productDiscontinued, productUpdated } from '../messages/product-events.js';
import { searchProductsByText, searchProductsByTypo } from '../store/product-search-store.js';
import {
  browseProducts,
  deactivateProduct,
  findProductById,
  insertProduct,
  type ListFilter,
  lockProduct,
  updateProduct,
} from '../store/product-store.js';
import {
  type CreateProductBody,
  changesOf,
  createProductRoute,
  deleteProductRoute,
  getProductRoute,
  type ListProductsQuery,
  listProductsRoute,
  newProductOf,
  type PatchProductBody,
  type ProductJson,
  type ProductPage,
  patchProductRoute,
  toProductJson,
} from './product-schemas.js';

// The route table: one line per route, naming its handler; schemas and access levels are in product-schemas.ts.
export function registerProductRoutes(app: ServiceApp, pool: Pool): void {
  app.get('/v1/products', listProductsRoute, (req) => listProducts(pool, req.query, req.principal));
  app.get('/v1/products/:id', getProductRoute, (req) => getProduct(pool, req.params.id));
  app.post('/v1/products', createProductRoute, (req, reply) => createProduct(pool, req.body, reply));
  app.patch('/v1/products/:id', patchProductRoute, (req) => patchProduct(pool, req.params.id, req.body));
  app.delete('/v1/products/:id', deleteProductRoute, (req, reply) => deleteProduct(pool, req.params.id, reply));
}

async function listProducts(pool: Pool, query: ListProductsQuery, caller: Principal | null): Promise<ProductPage> {
  const includeInactive = query.include_inactive ?? false;
  if (includeInactive && !caller?.roles.includes('admin')) {
    throw forbidden('Listing deleted products needs the admin role');
  }
  const filter = { categorySlug: query.category, includeInactive };
  const term = searchTermOf(query.q);
  return term ? searchPage(pool, term, filter, query) : browsePage(pool, filter, query);
}

async function browsePage(pool: Pool, filter: ListFilter, { limit, cursor }: PageQuery): Promise<ProductPage> {
  const after = cursor ? browsePositionOf(cursor) : undefined;
  const rows = await browseProducts(pool, filter, after, limit + 1);
  const page = toPage(rows, limit, (last) => ({ name: last.name, id: last.id }));
  return { items: page.items.map(toProductJson), next_cursor: page.next_cursor };
}

// A search keeps the mode its first page chose; that page falls back to typo matching when the
// full-text query matches nothing at all.
async function searchPage(pool: Pool, term: string, filter: ListFilter, query: PageQuery): Promise<ProductPage> {
  const { limit, cursor } = query;
  const after = cursor ? searchPositionOf(cursor) : undefined;
  let mode = after?.mode ?? 'text';
  let rows = mode === 'text' ? await searchProductsByText(pool, term, filter, after, limit + 1) : [];
  if (mode === 'typo' || (rows.length === 0 && !after)) {
    mode = 'typo';
    rows = await searchProductsByTypo(pool, term, filter, after, limit + 1);
  }
  const page = toPage(rows, limit, (last) => ({ mode, rank: last.rank, id: last.product.id }));
  return { items: page.items.map((r) => toProductJson(r.product)), next_cursor: page.next_cursor };
}

async function getProduct(pool: Pool, id: string): Promise<ProductJson> {
  return toProductJson(found(await findProductById(pool, id), id));
}

async function createProduct(pool: Pool, body: CreateProductBody, reply: StatusReply): Promise<ProductJson> {
  const fields = draftProduct(newProductOf(body));
  const product = await withTransaction(pool, async (tx) => {
    const created =
      (await withSkuCheck(fields.sku, () => insertProduct(tx, uuidv7(), fields))) ??
      unknownCategory(fields.categorySlug);
    await productCreated(tx, created);
    return created;
  });
  reply.code(201);
  return toProductJson(product);
}

async function patchProduct(pool: Pool, id: string, body: PatchProductBody): Promise<ProductJson> {
  const product = await withTransaction(pool, async (tx) => {
    const before = found(await lockProduct(tx, id), id);
    const fields = changeProduct(before, changesOf(body));
    const after =
      (await withSkuCheck(fields.sku, () => updateProduct(tx, id, fields))) ?? unknownCategory(fields.categorySlug);
    await productUpdated(tx, before, after);
    return after;
  });
  return toProductJson(product);
}

async function deleteProduct(pool: Pool, id: string, reply: StatusReply): Promise<null> {
  await withTransaction(pool, async (tx) => {
    const product = found(await lockProduct(tx, id), id);
    // Deleting twice is not an error, but the product is discontinued only once.
    if (product.active && (await deactivateProduct(tx, id))) await productDiscontinued(tx, product);
  });
  reply.code(204);
  return null;
}

/** The one part of Fastify's reply a handler needs: setting a status other than 200. */
interface StatusReply {
  code(statusCode: number): unknown;
}

function found(product: Product | undefined, id: string): Product {
  if (!product) throw productNotFound(id);
  return product;
}

const productNotFound = (id: string) => notFound(`No product has id ${id}`);

function unknownCategory(slug: string): never {
  throw invalid(`There is no category "${slug}"`, [{ path: 'body/category', message: 'is not a known category slug' }]);
}

/** Runs a write, turning a clash on the unique SKU into a 409. */
async function withSkuCheck<T>(sku: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error, 'products_sku_key')) throw conflict(`A product with SKU ${sku} already exists`);
    throw error;
  }
}
