import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isValidPattern, isValidSubject, matchesAny, patternsOverlap, subjectMatches } from '../src/domain/subjects.js';

describe('broker: subjects and wildcards', () => {
  it('matches `*` to exactly one token', () => {
    assert.equal(subjectMatches('emporium.*.created', 'emporium.orders.created'), true);
    assert.equal(subjectMatches('emporium.*.created', 'emporium.orders.eu.created'), false);
    assert.equal(subjectMatches('emporium.*', 'emporium'), false);
  });

  it('matches a final `>` to one or more tokens, never to none', () => {
    assert.equal(subjectMatches('emporium.users.>', 'emporium.users.UserRegistered.v1'), true);
    assert.equal(subjectMatches('emporium.users.>', 'emporium.users.x'), true);
    assert.equal(subjectMatches('emporium.users.>', 'emporium.users'), false);
    assert.equal(subjectMatches('>', 'anything.at.all'), true);
  });

  it('matches literal tokens exactly and needs the same number of tokens', () => {
    assert.equal(subjectMatches('a.b.c', 'a.b.c'), true);
    assert.equal(subjectMatches('a.b.c', 'a.b'), false);
    assert.equal(subjectMatches('a.b', 'a.b.c'), false);
    assert.equal(subjectMatches('a.b.c', 'a.b.cd'), false);
  });

  it('treats an empty filter list as matching everything', () => {
    assert.equal(matchesAny([], 'x.y'), true);
    assert.equal(matchesAny(['a.>', 'x.*'], 'x.y'), true);
    assert.equal(matchesAny(['a.>'], 'x.y'), false);
  });

  it('accepts wildcards only in patterns, and `>` only last', () => {
    assert.equal(isValidSubject('emporium.orders.OrderCreated.v1'), true);
    for (const bad of ['', 'a..b', '.a', 'a.', 'a.*', 'a.>', 'a b', 'a.b*'])
      assert.equal(isValidSubject(bad), false, bad);
    assert.equal(isValidPattern('a.*.>'), true);
    for (const bad of ['', 'a.>.b', 'a..b', 'a.b>', 'a.*x']) assert.equal(isValidPattern(bad), false, bad);
  });

  it('finds overlapping patterns, so two streams never claim one subject', () => {
    assert.equal(patternsOverlap('emporium.users.>', 'emporium.users.>'), true);
    assert.equal(patternsOverlap('emporium.users.>', 'emporium.*.x'), true);
    assert.equal(patternsOverlap('emporium.>', 'emporium.orders.created'), true);
    assert.equal(patternsOverlap('a.*', 'a.b'), true);
    assert.equal(patternsOverlap('emporium.users.>', 'emporium.orders.>'), false);
    assert.equal(patternsOverlap('a.*', 'a.b.c'), false);
    assert.equal(patternsOverlap('a.>', 'a'), false);
  });
});
