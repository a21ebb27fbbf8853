// Demo content for a new installation: two APIs whose scopes show the flags (none of the OpenID
// Connect scopes is Required: each is granted only when a request asks for it).
export const DEMO_APIS = [
  {
    name: "identity",
    displayName: "Identity",
    description: "Who the user is: sign-in and the profile claims of OpenID Connect.",
    scopes: [
      {
        name: "openid",
        displayName: "Sign You In",
        description: "Signs you in with your account.",
      },
      { name: "profile", displayName: "Profile", description: "Allows reading your name and picture." },
      { name: "email", displayName: "Email Address", description: "Allows reading your email address." },
      {
        name: "offline_access",
        displayName: "Offline Access",
        description: "Keeps access while you are away, for up to 730 days after you consent.",
        emphasize: true,
      },
    ],
  },
  {
    name: "invoices",
    displayName: "Invoices API",
    description: "Invoices, their line items and accounting exports.",
    scopes: [
      {
        name: "read_invoices",
        displayName: "Read Invoices",
        description: "Allows reading invoices and their line items.",
      },
      {
        name: "write_invoices",
        displayName: "Write Invoices",
        description: "Grants access to create and update invoices.",
        emphasize: true,
      },
      {
        name: "admin_access",
        displayName: "Administrative Access",
        description: "Grants full administrative access to the invoice settings.",
        emphasize: true,
        showInDiscoveryDocument: false,
      },
      {
        name: "exports",
        displayName: "Exports",
        description: "Allows downloading accounting exports (experimental).",
        showInDiscoveryDocument: false,
      },
    ],
  },
];
