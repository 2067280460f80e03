// The products API's schemas (the runtime checks, the static types and the OpenAPI document) and the
// mapping from a domain Product to its JSON form.
import { IdParams, Money, Page, PageQuery, problemResponses, type Static, Type } from '@emporium/service-kit';
import type { NewProduct, Product, ProductChanges } from '../domain/product.js';

const Slug = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 64, description: 'a category slug' });
const Sku = Type.String({
  pattern: '^[A-Z0-9]+(-[A-Z0-9]+)*$',
  maxLength: 32,
  description: 'stock keeping unit: upper-case letters and digits in dash-separated groups',
  examples: ['KIT-002'],
});
const Name = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });
const Description = Type.String({ maxLength: 5000 });
const ImageUrl = Type.String({
  maxLength: 2048,
  pattern: '^(https://|/(?!/))',
  description: 'an https URL, or a path on this site',
});
const Timestamp = Type.String({ format: 'date-time', description: 'RFC 3339, UTC' });

export const ProductJson = Type.Object({
  id: Type.String({ format: 'uuid' }),
  sku: Type.String(),
  name: Type.String(),
  description: Type.String(),
  category: Type.Object({ slug: Type.String(), name: Type.String() }),
  price: Money,
  image_url: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean({ description: 'false once deleted: still readable by id, no longer listed' }),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export type ProductJson = Static<typeof ProductJson>;

export const ProductPage = Page(ProductJson);
export type ProductPage = Static<typeof ProductPage>;

export const ListProductsQuery = Type.Object({
  q: Type.Optional(
    Type.String({ maxLength: 200, description: 'search words; ranked by relevance, name matches first' }),
  ),
  category: Type.Optional(Slug),
  include_inactive: Type.Optional(Type.Boolean({ default: false, description: 'admins only: list deleted products' })),
  ...PageQuery.properties,
});
export type ListProductsQuery = Static<typeof ListProductsQuery>;

export const CreateProductBody = Type.Object(
  {
    sku: Sku,
    name: Name,
    description: Description,
    category: Slug,
    price: Money,
    image_url: Type.Optional(ImageUrl),
  },
  { additionalProperties: false },
);
export type CreateProductBody = Static<typeof CreateProductBody>;

export const PatchProductBody = Type.Object(
  {
    sku: Type.Optional(Sku),
    name: Type.Optional(Name),
    description: Type.Optional(Description),
    category: Type.Optional(Slug),
    price: Type.Optional(Money),
    image_url: Type.Optional(ImageUrl),
    active: Type.Optional(Type.Boolean({ description: 'true restores a deleted product' })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type PatchProductBody = Static<typeof PatchProductBody>;

const TAGS = ['products'];

export const listProductsRoute = {
  schema: {
    tags: TAGS,
    operationId: 'listProducts',
    summary: 'Browse or search active products',
    description:
      'Without q: products by name. With q: full-text search on name and description, name matches first; ' +
      'when nothing matches, names similar to q (typos forgiven). Paged with next_cursor.',
    querystring: ListProductsQuery,
    response: { 200: ProductPage, ...problemResponses(400, 401, 403) },
  },
  config: { auth: 'public' as const },
};

export const getProductRoute = {
  schema: {
    tags: TAGS,
    operationId: 'getProduct',
    summary: 'Read a product, deleted ones included',
    params: IdParams,
    response: { 200: ProductJson, ...problemResponses(400, 404) },
  },
  config: { auth: 'public' as const },
};

export const createProductRoute = {
  schema: {
    tags: TAGS,
    operationId: 'createProduct',
    summary: 'Add a product',
    body: CreateProductBody,
    response: { 201: ProductJson, ...problemResponses(400, 401, 403, 409) },
  },
  config: { auth: 'admin' as const },
};

export const patchProductRoute = {
  schema: {
    tags: TAGS,
    operationId: 'updateProduct',
    summary: "Change some of a product's fields",
    params: IdParams,
    body: PatchProductBody,
    response: { 200: ProductJson, ...problemResponses(400, 401, 403, 404, 409) },
  },
  config: { auth: 'admin' as const },
};

export const deleteProductRoute = {
  schema: {
    tags: TAGS,
    operationId: 'deleteProduct',
    summary: 'Delete a product (soft: it stays readable by id, inactive, and is no longer listed)',
    params: IdParams,
    response: { 204: Type.Null({ description: 'deleted' }), ...problemResponses(400, 401, 403, 404) },
  },
  config: { auth: 'admin' as const },
};

export function toProductJson(p: Product): ProductJson {
  return {
    id: p.id,
    sku: p.sku,
    name: p.name,
    description: p.description,
    category: p.category,
    price: p.price,
    image_url: p.imageUrl,
    active: p.active,
    created_at: p.createdAt.toISOString(),
    updated_at: p.updatedAt.toISOString(),
  };
}

export function newProductOf(body: CreateProductBody): NewProduct {
  const { category, image_url, ...rest } = body;
  return { ...rest, categorySlug: category, imageUrl: image_url };
}

export function changesOf(body: PatchProductBody): ProductChanges {
  const { category, image_url, ...rest } = body;
  return { ...rest, categorySlug: category, imageUrl: image_url };
}
