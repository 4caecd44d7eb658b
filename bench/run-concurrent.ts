// Shared by the benchmarks: run `total` jobs with `concurrency` of them in flight; answers the wall time in seconds.
export async function runConcurrent(total: number, concurrency: number, work: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) await work(next++);
    }),
  );
  return (performance.now() - started) / 1000;
}
