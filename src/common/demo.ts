/**
 * How to sign in to the demo workspace; every demo colleague shares the password, to try other
 * roles. Public knowledge (the README prints it): the sign-in page shows it once the demo is ready.
 */
export const DEMO_LOGIN = {
  workspace: "demo",
  email: "demo@steward.local",
  password: "steward-demo-password",
} as const;
