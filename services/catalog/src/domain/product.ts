// What a product is, and the rules for creating and changing one (prices, generated image URLs).
import type { Money } from '@emporium/service-kit';

export interface CategoryRef {
  slug: string;
  name: string;
}

/** The fields an admin sets; everything else (id, timestamps) the catalog owns. */
export interface ProductFields {
  sku: string;
  name: string;
  description: string;
  categorySlug: string;
  price: Money;
  imageUrl: string | null;
  active: boolean;
}

export interface Product extends Omit<ProductFields, 'categorySlug'> {
  id: string;
  category: CategoryRef;
  createdAt: Date;
  updatedAt: Date;
}

export type NewProduct = Omit<ProductFields, 'imageUrl' | 'active'> & { imageUrl?: string | undefined };
export type ProductChanges = Partial<ProductFields>;

// The public path of generated artwork, as the gateway exposes it (the seed stores the same form).
const ARTWORK_PATH = '/api/products/v1/images/';

/** Where a product's generated artwork is served: one SVG per SKU. */
export function artworkUrl(sku: string): string {
  return `${ARTWORK_PATH}${sku.toLowerCase()}.svg`;
}

/** The SKU an artwork file name stands for (`kit-001.svg` → `KIT-001`), or undefined if it names none. */
export function skuOfArtworkFile(file: string): string | undefined {
  const match = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.svg$/.exec(file);
  return match?.[1]?.toUpperCase();
}

/** A new product's fields: active, and showing its generated artwork unless an image is given. */
export function draftProduct(input: NewProduct): ProductFields {
  return { ...input, imageUrl: input.imageUrl ?? artworkUrl(input.sku), active: true };
}

/** The fields after applying `changes`; a product showing its generated artwork keeps it when its SKU changes. */
export function changeProduct(current: Product, changes: ProductChanges): ProductFields {
  const next: ProductFields = { ...fieldsOf(current), ...stripUndefined(changes) };
  const skuChanged = next.sku !== current.sku;
  if (skuChanged && changes.imageUrl === undefined && current.imageUrl === artworkUrl(current.sku)) {
    next.imageUrl = artworkUrl(next.sku);
  }
  return next;
}

function fieldsOf(product: Product): ProductFields {
  const { sku, name, description, category, price, imageUrl, active } = product;
  return { sku, name, description, categorySlug: category.slug, price, imageUrl, active };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
