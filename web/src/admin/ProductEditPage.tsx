// Create or edit a product (name, SKU, category, price, description, image), discontinue or restore
// it, and manage its stock. Every refusal from the catalog shows beside the field it names.
import { type FormEvent, useEffect, useState } from 'react';
import { fieldErrors, problemOf, unwrap } from '../api/problem';
import type { NewProduct, Problem, Product } from '../api/types';
import { useSession } from '../session/session';
import { Button } from '../ui/Button';
import { SelectField, TextField } from '../ui/Field';
import { LoadState, PageTitle } from '../ui/Page';
import { ProblemMessage } from '../ui/ProblemMessage';
import { Link, navigate } from '../ui/router';
import { TextAreaField } from '../ui/TextArea';
import { useLoad } from '../ui/useLoad';
import { useTitle } from '../ui/useTitle';
import { StockPanel } from './StockPanel';

interface Draft {
  sku: string;
  name: string;
  description: string;
  category: string;
  price: string;
  image_url: string;
}

const draftOf = (p: Product | undefined): Draft => ({
  sku: p?.sku ?? '',
  name: p?.name ?? '',
  description: p?.description ?? '',
  category: p?.category.slug ?? '',
  price: p ? (p.price.amount / 100).toFixed(2) : '',
  image_url: p?.image_url ?? '',
});

/** "24.99" → 2499 minor units; undefined when it is not a price. */
function minorUnits(text: string): number | undefined {
  if (!/^\d+(\.\d{1,2})?$/.test(text.trim())) return undefined;
  return Math.round(Number(text) * 100);
}

export function ProductEditPage({ id }: { id?: string }) {
  const { api } = useSession();
  const categories = useLoad(() => unwrap(api.products.GET('/v1/categories')), [api]);
  const product = useLoad(
    async () => (id ? unwrap(api.products.GET('/v1/products/{id}', { params: { path: { id } } })) : undefined),
    [api, id],
  );
  const [draft, setDraft] = useState<Draft>(draftOf(undefined));
  const [busy, setBusy] = useState<'save' | 'status'>();
  const [problem, setProblem] = useState<Problem>();
  const [saved, setSaved] = useState(false);
  const [priceError, setPriceError] = useState<string>();
  useTitle(product.data?.name ?? (id ? 'Product' : 'New product'), 'Emporium admin');

  useEffect(() => setDraft(draftOf(product.data)), [product.data]);

  if (id && !product.data) return <LoadState loading={product.loading} problem={product.problem} />;
  const errors = fieldErrors(problem);
  const set = (field: keyof Draft) => (e: { target: { value: string } }) =>
    setDraft({ ...draft, [field]: e.target.value });

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const amount = minorUnits(draft.price);
    setPriceError(amount === undefined ? 'Enter a price like 24.99.' : undefined);
    if (amount === undefined) return;
    const body: NewProduct = {
      sku: draft.sku,
      name: draft.name,
      description: draft.description,
      category: draft.category,
      price: { amount, currency: product.data?.price.currency ?? 'USD' },
      ...(draft.image_url.trim() ? { image_url: draft.image_url.trim() } : {}),
    };
    setBusy('save');
    setProblem(undefined);
    setSaved(false);
    try {
      if (id) {
        await unwrap(api.products.PATCH('/v1/products/{id}', { params: { path: { id } }, body }));
        product.reload();
        setSaved(true);
      } else {
        const created = await unwrap(api.products.POST('/v1/products', { body }));
        navigate(`/admin/products/${created.id}`, { replace: true });
      }
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(undefined);
    }
  };

  const setActive = async (active: boolean) => {
    if (!id) return;
    setBusy('status');
    setProblem(undefined);
    try {
      if (active)
        await unwrap(api.products.PATCH('/v1/products/{id}', { params: { path: { id } }, body: { active: true } }));
      else await unwrap(api.products.DELETE('/v1/products/{id}', { params: { path: { id } } }));
      product.reload();
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(undefined);
    }
  };

  const p = product.data;
  return (
    <>
      <p className="breadcrumbs">
        <Link href="/admin/products">Products</Link> › {p ? p.name : 'New product'}
      </p>
      <PageTitle
        actions={
          p ? (
            p.active ? (
              <Button variant="danger" busy={busy === 'status'} onClick={() => setActive(false)}>
                Discontinue
              </Button>
            ) : (
              <Button variant="secondary" busy={busy === 'status'} onClick={() => setActive(true)}>
                Restore
              </Button>
            )
          ) : null
        }
      >
        {p ? `Edit ${p.name}` : 'New product'}
      </PageTitle>
      {p && !p.active ? (
        <p className="notice notice-warn">Discontinued: readable by id, no longer listed or sold.</p>
      ) : null}
      <div className="two-col">
        <form className="card form" onSubmit={save} noValidate aria-label="Product">
          <div className="form-row">
            <TextField label="Name" value={draft.name} onChange={set('name')} error={errors.name} />
            <TextField label="SKU" value={draft.sku} onChange={set('sku')} error={errors.sku} hint="Like KIT-002" />
          </div>
          <div className="form-row">
            <SelectField label="Category" value={draft.category} onChange={set('category')} error={errors.category}>
              <option value="">Choose a category</option>
              {categories.data?.items.map((c) => (
                <option key={c.slug} value={c.slug}>
                  {c.name}
                </option>
              ))}
            </SelectField>
            <TextField
              label={`Price (${p?.price.currency ?? 'USD'})`}
              inputMode="decimal"
              value={draft.price}
              onChange={set('price')}
              error={priceError ?? errors['price.amount'] ?? errors.price}
            />
          </div>
          <TextAreaField
            label="Description"
            value={draft.description}
            onChange={set('description')}
            error={errors.description}
          />
          <TextField
            label="Image URL (optional)"
            value={draft.image_url}
            onChange={set('image_url')}
            error={errors.image_url}
            hint="An https URL or a path on this site; the seed products use their generated artwork."
          />
          <ProblemMessage
            problem={problem}
            shownFields={['name', 'sku', 'category', 'price', 'description', 'image_url']}
          />
          {saved ? (
            <p className="notice notice-ok" role="status">
              Saved.
            </p>
          ) : null}
          <div>
            <Button type="submit" busy={busy === 'save'} busyLabel="Saving…">
              {id ? 'Save changes' : 'Create product'}
            </Button>
          </div>
        </form>
        <div className="stack">
          {p?.image_url ? (
            <img className="card" style={{ padding: 0 }} src={p.image_url} alt={`${p.name}: product artwork`} />
          ) : null}
          {id ? <StockPanel productId={id} /> : <p className="muted">Stock can be set once the product exists.</p>}
        </div>
      </div>
    </>
  );
}
