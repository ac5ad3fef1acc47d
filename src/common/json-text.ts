/**
 * A value already rendered as JSON (by the database), sent to the client as is. Hot read paths use
 * it so a page of rows is not parsed into objects only to be serialized again. `T` is the shape
 * the text holds, so route types still check against the contract.
 */
export class JsonText<T> {
  declare readonly shape: T;
  constructor(readonly text: string) {}

  parse(): T {
    return JSON.parse(this.text) as T;
  }
}

/** `{"data":[…],"nextCursor":…}` from rows already rendered as JSON. */
export const jsonPage = <T>(
  items: string[],
  nextCursor: string | null,
): JsonText<{ data: T[]; nextCursor: string | null }> =>
  new JsonText(`{"data":[${items.join(",")}],"nextCursor":${JSON.stringify(nextCursor)}}`);
