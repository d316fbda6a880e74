/**
 * Pages in order, each one fetched while the one before it is stored: the ERP
 * call and parsing of page k+1 overlap the database's work on page k, so a run
 * costs about its ERP time. Stores stay in page order (a line the ERP sends on
 * two pages ends as its later copy), and at most two pages are in memory – the
 * one being stored and the one arriving. A failure stops the run after the
 * store in flight has settled, so nothing is still writing when it returns.
 */
export async function readAhead<F, R>(pages: {
  fetch(page: number): Promise<F>;
  store(fetched: F, page: number): Promise<R>;
  isLast(fetched: F): boolean;
  /** Called after each store, in page order. */
  stored?(result: R, page: number): void;
}): Promise<void> {
  let storing: Promise<void> = Promise.resolve();
  try {
    for (let page = 0; ; page += 1) {
      const fetched = await pages.fetch(page);
      await storing;
      storing = pages.store(fetched, page).then((result) => pages.stored?.(result, page));
      storing.catch(() => {}); // awaited in turn; this only keeps it from counting as unhandled meanwhile
      if (pages.isLast(fetched)) break;
    }
  } catch (error) {
    await storing.catch(() => {});
    throw error;
  }
  await storing;
}
