/** The user the test servers start with (ADMIN_EMAIL / ADMIN_PASSWORD); only test servers know it. */
export const E2E_USER = { email: "e2e-admin@example.com", password: "e2e password of the test servers only" };

/** Where a project's signed-in admin session is kept between the setup and the specs. */
export const adminStorageState = (project: string) => `.test-results/auth/${project.replace(/\W+/g, "-")}.json`;

/** For specs that must start signed out (signing in is what they test). */
export const SIGNED_OUT = { cookies: [], origins: [] };
