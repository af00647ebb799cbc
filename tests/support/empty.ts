// Stands in for the `server-only` marker package in tests (it throws outside React Server Components).
export {};
