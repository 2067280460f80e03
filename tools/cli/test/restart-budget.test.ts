// The supervisor's restart budget: at most `max` restarts of one process within a sliding window.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RestartBudget } from '../src/runtime/restart-budget.js';

describe('RestartBudget', () => {
  it('allows max restarts within the window, then refuses', () => {
    const budget = new RestartBudget(5, 60_000);
    for (let i = 0; i < 5; i++) assert.equal(budget.take('postgres', 1_000 + i), true);
    assert.equal(budget.take('postgres', 2_000), false);
    assert.equal(budget.used('postgres', 2_000), 5);
  });

  it('counts each process on its own', () => {
    const budget = new RestartBudget(1, 60_000);
    assert.equal(budget.take('broker', 0), true);
    assert.equal(budget.take('orders', 0), true);
    assert.equal(budget.take('broker', 1), false);
  });

  it('forgets restarts older than the window', () => {
    const budget = new RestartBudget(2, 60_000);
    assert.equal(budget.take('payments', 0), true);
    assert.equal(budget.take('payments', 30_000), true);
    assert.equal(budget.take('payments', 59_999), false);
    assert.equal(budget.take('payments', 60_001), true);
    assert.equal(budget.used('payments', 60_001), 2);
  });
});
