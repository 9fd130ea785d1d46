import { useEffect, useState } from 'react'

export interface CopyButtonProps {
  readonly text: string
  /** Accessible name, e.g. "Copy tracking link for Spring sale". */
  readonly label?: string
}

/** Copies `text` and says so for a moment. */
export function CopyButton({ text, label = 'Copy' }: CopyButtonProps) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle')
  useEffect(() => {
    if (state === 'idle') return
    const timer = setTimeout(() => setState('idle'), 1600)
    return () => clearTimeout(timer)
  }, [state])
  return (
    <button
      type="button"
      className={state === 'copied' ? 'button button-small is-done' : 'button button-small'}
      aria-label={label}
      onClick={() => {
        copyText(text).then(
          () => setState('copied'),
          () => setState('failed'),
        )
      }}
    >
      <span aria-live="polite">
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Press ⌘C' : 'Copy'}
      </span>
    </button>
  )
}

/** The Clipboard API needs a secure context; plain http (a LAN install) falls back to execCommand. */
async function copyText(text: string): Promise<void> {
  if (typeof navigator !== 'undefined' && navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text)
    return
  }
  const area = document.createElement('textarea')
  area.value = text
  area.setAttribute('readonly', '')
  area.style.position = 'fixed'
  area.style.opacity = '0'
  document.body.appendChild(area)
  area.select()
  const ok = document.execCommand('copy')
  area.remove()
  if (!ok) throw new Error('Copy failed')
}
