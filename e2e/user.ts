/** The user the test servers start with (ADMIN_EMAIL / ADMIN_PASSWORD); only test servers know it. */
export const E2E_USER = { email: "e2e-admin@example.com", password: "e2e password of the test servers only" };
