/** The reader's locale in a browser; a fixed one elsewhere (tests, server rendering). */
export function defaultLocale(): string {
  if (typeof navigator !== 'undefined' && typeof navigator.language === 'string' && navigator.language) {
    return navigator.language
  }
  return 'en-US'
}
