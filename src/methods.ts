// The lab's clients (kube/kube-client.ts, vault/vault-client.ts) are composed: each concern is a file of calls that
// take
// the client as their first argument, and the client offers each call as a method with that argument filled in.

/** A call of the client as the method that fills in its first argument. */
export type Method<H, F> = F extends (handle: H, ...rest: infer A) => infer R ? (...rest: A) => R : never;

/** The call bound to a client: `bound(kube, rbac.canAs)(sa, p)` is `rbac.canAs(kube, sa, p)`. */
export function bound<H, F extends (handle: H, ...rest: never[]) => unknown>(handle: H, call: F): Method<H, F> {
  return ((...rest: never[]) => call(handle, ...rest)) as Method<H, F>;
}
