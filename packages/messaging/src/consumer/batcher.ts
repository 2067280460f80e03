// Gathers the deliveries that arrive together (within one turn of the event loop, up to a size) so
// they can share one database transaction; each caller's promise settles when its batch is done.
export interface Batcher<T> {
  add(item: T): Promise<void>;
}

export function createBatcher<T>(run: (items: T[]) => Promise<void>, maxSize: number): Batcher<T> {
  let queue: Array<{ item: T; done: () => void; fail: (error: unknown) => void }> = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    while (queue.length > 0) {
      const batch = queue.slice(0, maxSize);
      queue = queue.slice(maxSize);
      run(batch.map((b) => b.item)).then(
        () => {
          for (const b of batch) b.done();
        },
        (error: unknown) => {
          for (const b of batch) b.fail(error);
        },
      );
    }
  };
  return {
    add: (item) =>
      new Promise<void>((done, fail) => {
        queue.push({ item, done, fail });
        if (queue.length >= maxSize) flush();
        else if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      }),
  };
}
