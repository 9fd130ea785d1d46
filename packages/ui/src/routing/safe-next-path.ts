/**
 * Where to go after logging in, from ?next=…: only a path on this site ("/partners?x=1"),
 * never another origin ("//evil.example", "https://…"), so the login page is no open redirect.
 */
export function safeNextPath(value: string | null | undefined, fallback = '/'): string {
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback
  if (value === '/login' || value.startsWith('/login?') || value.startsWith('/login/')) return fallback
  return value
}
