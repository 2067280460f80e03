// Generated artwork, as a pure function: deterministic, escaped and always well-formed.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { escapeXml, initialsOf, productArtwork } from '../src/domain/artwork.js';

describe('product artwork', () => {
  test('the same name and category always give the same SVG', () => {
    const subject = { name: 'Cast Iron Skillet 10-inch', categorySlug: 'kitchen' };
    assert.equal(productArtwork(subject), productArtwork({ ...subject }));
    assert.notEqual(productArtwork(subject), productArtwork({ ...subject, categorySlug: 'outdoor' }));
  });

  test('initials are the first letters of the first two words, upper-cased', () => {
    assert.equal(initialsOf('Cast Iron Skillet'), 'CI');
    assert.equal(initialsOf("chef's knife"), 'CK');
    assert.equal(initialsOf('27-inch 4K Monitor'), '2I');
    assert.equal(initialsOf('Élan'), 'É');
    assert.equal(initialsOf('—'), '?');
  });

  test('markup and characters XML forbids cannot reach the SVG', () => {
    assert.equal(escapeXml(`<a href="x">&'</a>`), '&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;');
    assert.equal(escapeXml('bell\u0007 and\ttab'), 'bell and\ttab');
    const svg = productArtwork({ name: '</title><script>x</script>', categorySlug: 'toys' });
    assert.equal(svg.match(/<title/g)?.length, 1);
    assert.ok(!svg.includes('<script>'));
  });

  test('long names are shortened in the picture but whole in the title', () => {
    const name = 'An Extraordinarily Long Product Name That Keeps Going On';
    const svg = productArtwork({ name, categorySlug: 'books' });
    assert.ok(svg.includes(`<title id="title">${name}</title>`));
    assert.match(svg, />An Extraordinarily Long Produ…<\/text>/);
  });
});
