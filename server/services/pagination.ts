// One shape for every paged list: which page, how many pages, the items. `skip`/`take` come from the same input.

export interface PageRequest {
  page: number;
  pageSize: number;
}

export const pageWindow = (input: PageRequest) => ({ skip: (input.page - 1) * input.pageSize, take: input.pageSize });

export const pageOf = <T>(input: PageRequest, total: number, items: T[]) => ({
  total,
  page: input.page,
  pageCount: Math.max(1, Math.ceil(total / input.pageSize)),
  items,
});
