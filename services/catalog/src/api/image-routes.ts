// Product images: generated SVG artwork, one per SKU, served with long cache lifetimes and an ETag.
import { createHash } from 'node:crypto';
import { notFound, type Pool, problemResponses, type ServiceApp, Type } from '@emporium/service-kit';
import { productArtwork } from '../domain/artwork.js';
import { skuOfArtworkFile } from '../domain/product.js';
import { findProductBySku } from '../store/product-store.js';

const SVG = 'image/svg+xml';

const getImageRoute = {
  schema: {
    tags: ['images'],
    operationId: 'getProductImage',
    summary: "A product's generated artwork, by file name (<sku in lower case>.svg)",
    params: Type.Object({ file: Type.String({ maxLength: 80, examples: ['kit-002.svg'] }) }),
    response: {
      200: { description: 'the SVG image', content: { [SVG]: { schema: Type.String() } } },
      304: Type.Null({ description: 'the cached copy (If-None-Match) is current' }),
      ...problemResponses(404),
    },
  },
  config: { auth: 'public' as const },
};

export function registerImageRoutes(app: ServiceApp, pool: Pool): void {
  app.get('/v1/images/:file', getImageRoute, async (req, reply) => {
    const { svg, etag } = await productImage(pool, req.params.file);
    // The URL names the artwork, so caches may keep it for a year without asking again.
    reply.header('cache-control', 'public, max-age=31536000, immutable').header('etag', etag);
    if (matchesEtag(req.headers['if-none-match'], etag)) return reply.code(304).send(null);
    return reply.type(SVG).send(svg);
  });
}

async function productImage(pool: Pool, file: string): Promise<{ svg: string; etag: string }> {
  const sku = skuOfArtworkFile(file);
  const product = sku ? await findProductBySku(pool, sku) : undefined;
  if (!product) throw notFound(`No product image is named ${file}`);
  const svg = productArtwork({ name: product.name, categorySlug: product.category.slug });
  return { svg, etag: `"${createHash('sha256').update(svg).digest('base64url').slice(0, 27)}"` };
}

// If-None-Match may list several tags, or '*'; weak tags (W/"...") match too, as RFC 9110 says for GET.
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
