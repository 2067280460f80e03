// Messages of the catalog service (gateway name: products).
import { Type } from 'typebox';
import { Closed, defineMessage } from '../define.js';
import { Id, Money, Timestamp } from './common.js';

const ProductState = {
  product_id: Id,
  sku: Type.String(),
  name: Type.String(),
  category: Type.String({ description: 'category slug' }),
  price: Money,
  active: Type.Boolean(),
};

export const ProductCreated = defineMessage({
  service: 'catalog',
  name: 'ProductCreated',
  version: 1,
  kind: 'event',
  description: 'A product was added to the catalog.',
  data: Closed({ ...ProductState, created_at: Timestamp }),
});

export const ProductUpdated = defineMessage({
  service: 'catalog',
  name: 'ProductUpdated',
  version: 1,
  kind: 'event',
  description: "A product's details changed; `changed` names the fields, the rest is its current state.",
  data: Closed({ ...ProductState, changed: Type.Array(Type.String()), updated_at: Timestamp }),
});

export const ProductDiscontinued = defineMessage({
  service: 'catalog',
  name: 'ProductDiscontinued',
  version: 1,
  kind: 'event',
  description: 'A product was withdrawn from sale (soft-deleted).',
  data: Closed({ product_id: Id, sku: Type.String(), discontinued_at: Timestamp }),
});
