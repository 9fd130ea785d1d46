import type { ReactNode } from 'react'
import { NavLink } from 'react-router'

export interface NavItem {
  readonly to: string
  readonly label: string
  /** Match only this exact path (for "/", which every path starts with). */
  readonly end?: boolean
}

export interface ShellUser {
  readonly name: string
  /** A second line under the name: the role, or the partner's company. */
  readonly detail?: string | null
}

export interface AppShellProps {
  /** Which portal this is: "Admin", "Partner portal". */
  readonly product: string
  readonly nav: readonly NavItem[]
  readonly user: ShellUser
  readonly onLogout: () => void
  readonly loggingOut?: boolean
  readonly children: ReactNode
}

/** Top bar with brand, navigation and the signed-in user; the page below it. */
export function AppShell({ product, nav, user, onLogout, loggingOut = false, children }: AppShellProps) {
  return (
    <div className="shell">
      <header className="shell-header">
        <div className="shell-header-inner">
          <NavLink to="/" className="brand" aria-label={`Tandem ${product}, home`}>
            <BrandMark />
            <span className="brand-name">Tandem</span>
            <span className="brand-product">{product}</span>
          </NavLink>
          <nav className="shell-nav" aria-label="Main">
            {nav.map((item) => (
              <NavLink
                key={item.to}
                to={item.to}
                end={item.end ?? false}
                className={({ isActive }) => (isActive ? 'nav-link is-active' : 'nav-link')}
              >
                {item.label}
              </NavLink>
            ))}
          </nav>
          <div className="shell-user">
            <div className="shell-user-text">
              <span className="shell-user-name" data-testid="user-name">
                {user.name}
              </span>
              {user.detail ? (
                <span className="shell-user-detail" data-testid="user-detail">
                  {user.detail}
                </span>
              ) : null}
            </div>
            <button type="button" className="button button-quiet" onClick={onLogout} disabled={loggingOut}>
              {loggingOut ? 'Logging out…' : 'Log out'}
            </button>
          </div>
        </div>
      </header>
      <main className="shell-main">{children}</main>
    </div>
  )
}

/** Two overlapping circles: two riders on one bike. */
export function BrandMark({ size = 24 }: { readonly size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" className="brand-mark">
      <circle cx="8.5" cy="12" r="6" fill="none" stroke="currentColor" strokeWidth="2.2" />
      <circle cx="15.5" cy="12" r="6" fill="none" stroke="currentColor" strokeWidth="2.2" opacity="0.55" />
    </svg>
  )
}
