import { type ReactNode, useRef, useState } from 'react'

export interface ConfirmButtonProps {
  /** The button's text. */
  readonly children: ReactNode
  readonly title: string
  readonly message: ReactNode
  readonly confirmLabel: string
  /** Called with the reason when `reason` is asked for. */
  readonly onConfirm: (reason: string) => void
  /** Ask for a reason (required when 'required'). */
  readonly reason?: 'optional' | 'required'
  readonly danger?: boolean
  readonly disabled?: boolean
  readonly className?: string
  readonly ariaLabel?: string
}

/**
 * A button that asks first, in a native modal dialog (focus stays inside, Escape cancels), with
 * an optional reason for the audit trail.
 */
export function ConfirmButton({
  children,
  title,
  message,
  confirmLabel,
  onConfirm,
  reason,
  danger = false,
  disabled,
  className,
  ariaLabel,
}: ConfirmButtonProps) {
  const dialog = useRef<HTMLDialogElement>(null)
  const [text, setText] = useState('')
  const missing = reason === 'required' && text.trim() === ''
  return (
    <>
      <button
        type="button"
        className={className ?? (danger ? 'button button-small button-danger' : 'button button-small')}
        disabled={disabled}
        aria-label={ariaLabel}
        onClick={() => {
          setText('')
          dialog.current?.showModal()
        }}
      >
        {children}
      </button>
      <dialog ref={dialog} className="dialog" aria-label={title}>
        <form
          method="dialog"
          className="form"
          onSubmit={(event) => {
            event.preventDefault()
            if (missing) return
            dialog.current?.close()
            onConfirm(text.trim())
          }}
        >
          <h2>{title}</h2>
          <div>{message}</div>
          {reason ? (
            <div className="form-field">
              <label htmlFor={`${title}-reason`}>Reason{reason === 'optional' ? ' (optional)' : ''}</label>
              <textarea
                id={`${title}-reason`}
                className="input"
                rows={2}
                maxLength={500}
                value={text}
                onChange={(event) => setText(event.target.value)}
              />
            </div>
          ) : null}
          <div className="form-actions">
            <button
              type="submit"
              className={danger ? 'button button-primary button-danger' : 'button button-primary'}
              disabled={missing}
            >
              {confirmLabel}
            </button>
            <button type="button" className="button" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
          </div>
        </form>
      </dialog>
    </>
  )
}
