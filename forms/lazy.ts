/**
 * A value built on its first use and kept. For what a module would otherwise build at import, in every
 * cold start, whether the request uses it or not: an `Intl` formatter costs 10–40 ms the first time a
 * process builds one (ICU loads its locale and time-zone data), a zod schema its share of zod (issue 14).
 */
export function lazy<T>(build: () => T): () => T {
  let built: { readonly value: T } | undefined;
  return () => {
    built ??= { value: build() };
    return built.value;
  };
}
