/** One key-encryption key for every test file: they share the database and its signing keys. */
export const TEST_KEK = Buffer.alloc(32, 7);
