// Tailwind CSS v4 for the console's stylesheet (app/globals.css): docs/decisions/009-design-system.md.
export default { plugins: { "@tailwindcss/postcss": {} } };
