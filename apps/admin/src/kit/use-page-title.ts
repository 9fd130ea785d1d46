import { useEffect } from 'react'

/** Sets the tab's title: "Partners · Tandem Admin". */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Tandem Admin` : 'Tandem Admin'
  }, [title])
}
