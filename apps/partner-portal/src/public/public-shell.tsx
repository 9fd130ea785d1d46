import { BrandMark } from '@tandem/ui'
import type { ReactNode } from 'react'
import { Link } from 'react-router'

/** Pages anyone may open (join a program, set a password): the brand on top, one column below. */
export function PublicShell({
  children,
  wide = false,
}: {
  readonly children: ReactNode
  readonly wide?: boolean
}) {
  return (
    <div className="public-page">
      <header className="public-header">
        <Link to="/login" className="brand" aria-label="Tandem partner portal, log in">
          <BrandMark />
          <span className="brand-name">Tandem</span>
          <span className="brand-product">Partner portal</span>
        </Link>
      </header>
      <main className={wide ? 'public-main is-wide' : 'public-main'}>{children}</main>
    </div>
  )
}
