// One instance per process of something that must be shared (the database client, the change
// signals). The console's route handlers run in Next.js's server bundle, which has module
// instances of its own beside the ones server.ts loaded; a module-level variable would exist
// twice. The instance lives on globalThis under one name, made by this one helper (the Epic
// Stack's `singleton()`), and is handed on as an argument from there.
export function singleton<T>(name: string, create: () => T): T {
  const registry = globalThis as unknown as { __scopeConsoleSingletons?: Map<string, unknown> };
  registry.__scopeConsoleSingletons ??= new Map();
  if (!registry.__scopeConsoleSingletons.has(name)) registry.__scopeConsoleSingletons.set(name, create());
  return registry.__scopeConsoleSingletons.get(name) as T;
}
