// How many items each page asks the API for at a time. The pages and their Pact tests both read these,
// so the pacts describe the requests the pages really send.
export const PAGE_SIZES = {
  /** The storefront's catalog page (and its search results). */
  catalog: 24,
  /** The account page's orders. */
  accountOrders: 50,
  /** The account page's notifications. */
  accountNotifications: 50,
  /** The admin's order page: the payments of the order. */
  orderPayments: 20,
} as const;
