import { ApiError, me, type Me } from "./api";

// Who is signed in, asked of the server once per navigation: the cookie is HttpOnly, so the server is the only one
// who knows.
let current: Me | null = null;

export async function refreshSession(): Promise<Me | null> {
  try {
    current = await me();
  } catch (problem) {
    if (!(problem instanceof ApiError) || problem.status !== 401) throw problem;
    current = null;
  }
  return current;
}

export const signedInUser = (): Me | null => current;
export const isViewer = (): boolean => current?.roles.includes("viewer") ?? false;
export const hasRole = (role: string): boolean => current?.roles.includes(role) ?? false;
