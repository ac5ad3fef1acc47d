/**
 * One statement for what many runs ask at once. The jobs of a batch start and end together; a
 * statement each (a lease, a check, a completion) would queue them on the lease connection and
 * the pool and make each completion wait for a disk flush of its own.
 *
 * `grouped(statement)` answers a function taking one item: the items asked for while the previous
 * statement ran (and in the same tick) go together in the next, one statement at a time; each
 * caller gets that statement's whole answer, or its error.
 */
export function grouped<T, R>(statement: (items: T[]) => Promise<R>): (item: T) => Promise<R> {
  type Group = { items: T[]; answer: Promise<R> };
  let gathering: Group | null = null;
  let previous: Promise<unknown> = Promise.resolve();
  return (item) => {
    if (!gathering) {
      const group: Group = { items: [], answer: Promise.resolve() as Promise<R> };
      group.answer = previous
        // The callers of this tick (a batch's runs reach here together) join before it is sent.
        .then(() => new Promise((resolve) => setImmediate(resolve)))
        .then(() => {
          gathering = null;
          return statement(group.items);
        });
      previous = group.answer.catch(() => {});
      gathering = group;
    }
    gathering.items.push(item);
    return gathering.answer;
  };
}
