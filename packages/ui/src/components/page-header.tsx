import type { ReactNode } from 'react'

export interface PageHeaderProps {
  readonly title: string
  readonly description?: ReactNode
  /** Controls on the right: filters, buttons. */
  readonly actions?: ReactNode
}

export function PageHeader({ title, description, actions }: PageHeaderProps) {
  return (
    <div className="page-header">
      <div className="page-header-text">
        <h1 className="page-title">{title}</h1>
        {description ? <p className="page-description">{description}</p> : null}
      </div>
      {actions ? <div className="page-header-actions">{actions}</div> : null}
    </div>
  )
}
