import password from "@inquirer/password";
import { AppError } from "../common/errors.ts";

/** Asks for a secret on the terminal without echoing it; refuses when there is no terminal. */
export async function promptHidden(message: string): Promise<string> {
  if (!process.stdin.isTTY)
    throw new AppError("VALIDATION_FAILED", "No terminal to prompt on: pass --password");
  return password({ message, mask: "*" });
}
