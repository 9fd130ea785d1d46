import type { ReactNode } from 'react'

export interface CardProps {
  readonly title?: ReactNode
  readonly description?: ReactNode
  readonly actions?: ReactNode
  readonly children: ReactNode
  readonly className?: string
}

/** A white panel with an optional title row: holds a chart, a table or a form. */
export function Card({ title, description, actions, children, className }: CardProps) {
  return (
    <section className={className ? `card ${className}` : 'card'}>
      {title || actions ? (
        <div className="card-header">
          <div>
            {title ? <h2 className="card-title">{title}</h2> : null}
            {description ? <p className="card-description">{description}</p> : null}
          </div>
          {actions ? <div className="card-actions">{actions}</div> : null}
        </div>
      ) : null}
      {children}
    </section>
  )
}
