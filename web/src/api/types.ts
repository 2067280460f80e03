// Names for the API's shapes the web apps pass around, all taken from the generated declarations.
import type { paths as InventoryPaths } from './generated/inventory.js';
import type { paths as NotificationsPaths } from './generated/notifications.js';
import type { paths as OrdersPaths } from './generated/orders.js';
import type { paths as PaymentsPaths } from './generated/payments.js';
import type { paths as ProductsPaths } from './generated/products.js';
import type { paths as UsersPaths } from './generated/users.js';

type Json<R> = R extends { content: { 'application/json': infer T } } ? T : never;

export type Product = Json<ProductsPaths['/v1/products/{id}']['get']['responses'][200]>;
export type ProductPage = Json<ProductsPaths['/v1/products']['get']['responses'][200]>;
export type Category = Json<ProductsPaths['/v1/categories']['get']['responses'][200]>['items'][number];
export type NewProduct = ProductsPaths['/v1/products']['post']['requestBody']['content']['application/json'];
export type Money = Product['price'];
export type Stock = Json<InventoryPaths['/v1/stock/{product_id}']['get']['responses'][200]>;
export type Order = Json<OrdersPaths['/v1/orders/{id}']['get']['responses'][200]>;
export type OrderStatus = Order['status'];
export type Address = Order['shipping_address'];
export type NewOrder = OrdersPaths['/v1/orders']['post']['requestBody']['content']['application/json'];
export type Saga = Json<OrdersPaths['/v1/orders/{id}/saga']['get']['responses'][200]>;
export type Me = Json<UsersPaths['/v1/users/me']['get']['responses'][200]>;
export type TokenPair = Json<UsersPaths['/v1/sessions']['post']['responses'][200]>;
export type Notification = Json<NotificationsPaths['/v1/notifications']['get']['responses'][200]>['items'][number];
export type Preferences = Json<NotificationsPaths['/v1/preferences']['get']['responses'][200]>;
export type Payment = Json<PaymentsPaths['/v1/payments/{id}']['get']['responses'][200]>;
export type Problem = OrdersPaths['/v1/orders']['post']['responses'][400]['content']['application/problem+json'];
