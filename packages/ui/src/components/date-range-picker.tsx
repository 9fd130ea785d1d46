import { useId, useState } from 'react'
import {
  type DateRange,
  RANGE_PRESETS,
  type RangeSelection,
  resolveRange,
  validateCustomRange,
} from '../dates/date-range.ts'
import { formatLongDay } from '../format/date.ts'

export interface DateRangePickerProps {
  readonly value: RangeSelection
  readonly onChange: (selection: RangeSelection) => void
  /** Today in the reader's time zone (YYYY-MM-DD); passed in so the picker stays pure. */
  readonly today: string
}

/** Presets (last 7 / 30 / 90 days) as a segmented control, plus custom start and end days. */
export function DateRangePicker({ value, onChange, today }: DateRangePickerProps) {
  const current = resolveRange(value, today)
  const [editing, setEditing] = useState(value.preset === 'custom')
  const customOpen = editing || value.preset === 'custom'
  return (
    <div className="range-picker">
      <fieldset className="segmented">
        <legend className="visually-hidden">Date range</legend>
        {RANGE_PRESETS.map((preset) => (
          <button
            key={preset.id}
            type="button"
            className={value.preset === preset.id && !editing ? 'segment is-active' : 'segment'}
            aria-pressed={value.preset === preset.id && !editing}
            onClick={() => {
              setEditing(false)
              onChange({ preset: preset.id })
            }}
          >
            {preset.label.replace('Last ', '')}
          </button>
        ))}
        <button
          type="button"
          className={customOpen ? 'segment is-active' : 'segment'}
          aria-pressed={customOpen}
          onClick={() => setEditing(true)}
        >
          Custom
        </button>
      </fieldset>
      {customOpen ? (
        <CustomRange
          key={`${current.from}|${current.to}`}
          initial={current}
          today={today}
          onApply={(range) => onChange({ preset: 'custom', ...range })}
        />
      ) : (
        <span className="range-text" data-testid="range-text">
          {formatLongDay(current.from)} – {formatLongDay(current.to)}
        </span>
      )}
    </div>
  )
}

function CustomRange({
  initial,
  today,
  onApply,
}: {
  readonly initial: DateRange
  readonly today: string
  readonly onApply: (range: DateRange) => void
}) {
  const id = useId()
  const [from, setFrom] = useState(initial.from)
  const [to, setTo] = useState(initial.to)
  const check = validateCustomRange(from, to)
  const changed = from !== initial.from || to !== initial.to
  return (
    <form
      className="range-custom"
      onSubmit={(event) => {
        event.preventDefault()
        if (check.ok) onApply(check.range)
      }}
    >
      <label className="visually-hidden" htmlFor={`${id}-from`}>
        From
      </label>
      <input
        id={`${id}-from`}
        className="input input-date"
        type="date"
        value={from}
        max={today}
        onChange={(event) => setFrom(event.target.value)}
      />
      <span aria-hidden="true">–</span>
      <label className="visually-hidden" htmlFor={`${id}-to`}>
        To
      </label>
      <input
        id={`${id}-to`}
        className="input input-date"
        type="date"
        value={to}
        onChange={(event) => setTo(event.target.value)}
      />
      <button type="submit" className="button button-primary" disabled={!check.ok || !changed}>
        Apply
      </button>
      {!check.ok ? (
        <span className="field-error" role="alert">
          {check.error}
        </span>
      ) : null}
    </form>
  )
}
