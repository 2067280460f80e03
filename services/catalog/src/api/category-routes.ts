// The categories API: the shop's categories with how many active products each holds.
import { type Pool, type ServiceApp, type Static, Type } from '@emporium/service-kit';
import { listCategories } from '../store/category-store.js';

const CategoryList = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Type.String({ format: 'uuid' }),
      slug: Type.String(),
      name: Type.String(),
      description: Type.String(),
      product_count: Type.Integer({ minimum: 0, description: 'active products in the category' }),
    }),
  ),
});
type CategoryList = Static<typeof CategoryList>;

const listCategoriesRoute = {
  schema: {
    tags: ['categories'],
    operationId: 'listCategories',
    summary: 'List all categories, by name',
    response: { 200: CategoryList },
  },
  config: { auth: 'public' as const },
};

export function registerCategoryRoutes(app: ServiceApp, pool: Pool): void {
  app.get('/v1/categories', listCategoriesRoute, () => listAllCategories(pool));
}

async function listAllCategories(pool: Pool): Promise<CategoryList> {
  const categories = await listCategories(pool);
  return {
    items: categories.map(({ productCount, ...c }) => ({ ...c, product_count: productCount })),
  };
}
