// A product's stock: on hand, reserved and available; set from a count, or adjust with a reason.
import { type FormEvent, useRef, useState } from 'react';
import { type Attempt, attemptFor, idempotencyHeader } from '../api/idempotency';
import { fieldErrors, problemOf, unwrap } from '../api/problem';
import type { Problem } from '../api/types';
import { useSession } from '../session/session';
import { Button } from '../ui/Button';
import { TextField } from '../ui/Field';
import { LoadState } from '../ui/Page';
import { ProblemMessage } from '../ui/ProblemMessage';
import { useLoad } from '../ui/useLoad';

export function StockPanel({ productId }: { productId: string }) {
  const { api } = useSession();
  const stock = useLoad(
    () => unwrap(api.inventory.GET('/v1/stock/{product_id}', { params: { path: { product_id: productId } } })),
    [api, productId],
  );
  const [count, setCount] = useState('');
  const [delta, setDelta] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState<'set' | 'adjust'>();
  const [problem, setProblem] = useState<Problem>();
  // One key per adjustment the admin means to make: a retry of the same one is applied once.
  const adjustment = useRef<Attempt>(undefined);
  const errors = fieldErrors(problem);

  const run = async (kind: 'set' | 'adjust', work: () => Promise<unknown>) => {
    setBusy(kind);
    setProblem(undefined);
    try {
      await work();
      stock.reload();
      if (kind === 'set') setCount('');
      else {
        setDelta('');
        setReason('');
        adjustment.current = undefined;
      }
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(undefined);
    }
  };

  const setOnHand = (event: FormEvent) => {
    event.preventDefault();
    void run('set', () =>
      unwrap(
        api.inventory.PUT('/v1/stock/{product_id}', {
          params: { path: { product_id: productId } },
          body: { on_hand: Number.parseInt(count, 10) },
        }),
      ),
    );
  };

  const adjust = (event: FormEvent) => {
    event.preventDefault();
    const body = { delta: Number.parseInt(delta, 10), reason };
    const sending = attemptFor(adjustment.current, body);
    adjustment.current = sending;
    void run('adjust', () =>
      unwrap(
        api.inventory.POST('/v1/stock/{product_id}/adjustments', {
          params: { path: { product_id: productId }, header: idempotencyHeader(sending) },
          body,
        }),
      ),
    );
  };

  const s = stock.data;
  return (
    <section className="card stack" aria-label="Stock">
      <h2>Stock</h2>
      {s ? (
        <dl
          className="summary"
          style={{ display: 'grid', gridTemplateColumns: '1fr auto', gap: '0.3rem 1rem', margin: 0 }}
        >
          <dt>On hand</dt>
          <dd data-testid="on-hand">{s.on_hand}</dd>
          <dt>Reserved for orders</dt>
          <dd>{s.reserved}</dd>
          <dt>Available</dt>
          <dd data-testid="available">
            <strong>{s.available}</strong>
          </dd>
        </dl>
      ) : (
        <LoadState loading={stock.loading} problem={stock.problem} />
      )}
      <form className="form" onSubmit={setOnHand} noValidate aria-label="Set stock from a count">
        <div className="row" style={{ alignItems: 'end' }}>
          <TextField
            label="Counted on hand"
            inputMode="numeric"
            value={count}
            onChange={(e) => setCount(e.target.value)}
            error={errors.on_hand}
          />
          <Button type="submit" variant="secondary" busy={busy === 'set'}>
            Set
          </Button>
        </div>
      </form>
      <form className="form" onSubmit={adjust} noValidate aria-label="Adjust stock">
        <div className="form-row">
          <TextField
            label="Change (+/−)"
            inputMode="numeric"
            value={delta}
            onChange={(e) => setDelta(e.target.value)}
            error={errors.delta}
          />
          <TextField
            label="Reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={errors.reason}
            hint="e.g. delivery received, damaged"
          />
        </div>
        <div>
          <Button type="submit" variant="secondary" busy={busy === 'adjust'}>
            Adjust
          </Button>
        </div>
      </form>
      <ProblemMessage problem={problem} shownFields={['on_hand', 'delta', 'reason']} />
    </section>
  );
}
