// How product lists are ordered and paged: browsing by name, or searching by relevance, with
// a typo-tolerant mode used when the full-text query matches nothing.
import { decodeCursor, type Static, Type, Uuid } from '@emporium/service-kit';

/** `text`: full-text match on name and description; `typo`: trigram similarity to the name. */
export type SearchMode = 'text' | 'typo';

/** Browsing is keyset-paged on (name, id). */
const BrowsePosition = Type.Object({ name: Type.String(), id: Uuid });
export type BrowsePosition = Static<typeof BrowsePosition>;

/** Search results are keyset-paged on (rank descending, id); the mode keeps later pages in the same mode. */
const SearchPosition = Type.Object({
  mode: Type.Union([Type.Literal('text'), Type.Literal('typo')]),
  rank: Type.Number(),
  id: Uuid,
});
export type SearchPosition = Static<typeof SearchPosition>;

/**
 * How similar (pg_trgm word_similarity, 0..1) a name must be to the query for the typo mode to list it.
 * 0.5 forgives one or two wrong letters in a word ("kettel", "lanturn") without matching unrelated names;
 * pg_trgm's default of 0.6 misses many single-letter typos in short words.
 */
export const TYPO_SIMILARITY = 0.5;

/** The search term in `q`, or undefined when there is nothing to search for (a blank q browses). */
export function searchTermOf(q: string | undefined): string | undefined {
  const term = q?.trim();
  return term ? term : undefined;
}

export function browsePositionOf(cursor: string): BrowsePosition {
  return decodeCursor(cursor, BrowsePosition);
}

export function searchPositionOf(cursor: string): SearchPosition {
  return decodeCursor(cursor, SearchPosition);
}
