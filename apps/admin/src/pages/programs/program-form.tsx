import { zodResolver } from '@hookform/resolvers/zod'
import { Card } from '@tandem/ui'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import { CheckboxField, SelectInput, TextAreaField, TextField } from '../../kit/form-fields.tsx'
import { applyServerIssues } from '../../kit/server-errors.ts'
import { type ProgramFormValues, programFormSchema, SERVER_FIELD } from './program-form-schema.ts'

const FIELDS = Object.keys(programFormSchema.shape)

export interface ProgramFormProps {
  readonly mode: 'create' | 'edit'
  readonly defaults: ProgramFormValues
  readonly readOnly?: boolean
  readonly submitLabel: string
  /** Resolves when saved; rejects with the tRPC error (its per-field problems go under the fields). */
  readonly onSubmit: (values: ProgramFormValues) => Promise<unknown>
  readonly status?: React.ReactNode
}

/** Every program setting, grouped as a manager thinks of them; errors show under each field. */
export function ProgramForm({ mode, defaults, readOnly, submitLabel, onSubmit, status }: ProgramFormProps) {
  const [other, setOther] = useState<string[]>([])
  const {
    register,
    handleSubmit,
    setError,
    watch,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<ProgramFormValues>({ resolver: zodResolver(programFormSchema), defaultValues: defaults })
  const currency = watch('currency').toUpperCase()
  const field = { register, errors }

  const submit = handleSubmit(async (values) => {
    setOther([])
    try {
      await onSubmit(values)
    } catch (error) {
      const rename = { ...SERVER_FIELD }
      const issues = (error as { data?: { issues?: { path: string }[] | null } })?.data?.issues ?? []
      for (const i of issues) {
        if (i.path.startsWith('fraud.botUserAgent')) rename[i.path] = 'botPatterns'
        if (i.path.startsWith('allowedDomains')) rename[i.path] = 'allowedDomains'
      }
      setOther(applyServerIssues(error, setError, FIELDS, rename))
    }
  })

  return (
    <form
      className="stack"
      onSubmit={submit}
      noValidate
      aria-label={mode === 'create' ? 'New program' : 'Program settings'}
    >
      <fieldset disabled={readOnly} className="form-section stack">
        <Card title="Program">
          <div className="card-body form-grid">
            <TextField name="name" label="Name" {...field} />
            <TextField
              name="slug"
              label="Slug"
              hint="In the snippet and postbacks; cannot change later"
              readOnly={mode === 'edit'}
              {...field}
            />
            <SelectInput
              name="kind"
              label="Kind"
              disabled={mode === 'edit'}
              options={[
                { value: 'affiliate', label: 'Affiliate program' },
                { value: 'referral', label: 'Referral (ambassadors)' },
              ]}
              {...field}
            />
            <TextField
              name="currency"
              label="Currency"
              hint="Commissions and payouts are in it"
              readOnly={mode === 'edit'}
              maxLength={3}
              autoCapitalize="characters"
              {...field}
            />
          </div>
        </Card>
        <Card title="Tracking" description="Where links may land and how long a click counts.">
          <div className="card-body form-grid">
            <TextAreaField
              name="allowedDomains"
              label="Allowed domains"
              hint="One per line: shop.example.com"
              rows={2}
              {...field}
            />
            <TextField name="defaultLandingUrl" label="Default landing page" inputMode="url" {...field} />
            <TextField name="clickParam" label="Click id parameter" hint="Added to landing URLs" {...field} />
            <TextField name="cookieDays" label="Cookie days" inputMode="numeric" {...field} />
            <CheckboxField
              name="deepLinkSubdomains"
              label="Deep links may go to subdomains"
              register={register}
            />
          </div>
        </Card>
        <Card title="Attribution" description="Who gets the sale when several partners touched it.">
          <div className="card-body form-grid">
            <SelectInput
              name="model"
              label="Model"
              options={[
                { value: 'last_click', label: 'Last click' },
                { value: 'first_click', label: 'First click' },
                { value: 'linear', label: 'Linear (shared equally)' },
                { value: 'time_decay', label: 'Time decay' },
                { value: 'position_based', label: 'Position based (40/20/40)' },
              ]}
              {...field}
            />
            <TextField
              name="windowDays"
              label="Attribution window (days)"
              hint="Empty: the cookie days"
              inputMode="numeric"
              {...field}
            />
            <TextField
              name="halfLifeDays"
              label="Half-life (time decay, days)"
              inputMode="numeric"
              {...field}
            />
            <SelectInput
              name="couponPrecedence"
              label="Coupon vs. click"
              options={[
                { value: 'coupon_first', label: 'A coupon beats clicks' },
                { value: 'click_first', label: 'Clicks beat a coupon' },
              ]}
              {...field}
            />
            <TextField
              name="lifetime"
              label="Lifetime attribution (months)"
              hint="Empty: off; 'forever' keeps the customer's referrer"
              {...field}
            />
            <SelectInput
              name="selfReferral"
              label="Self-referral"
              options={[
                { value: 'flag', label: 'Flag for review' },
                { value: 'block', label: 'Block' },
                { value: 'allow', label: 'Allow (agencies)' },
              ]}
              {...field}
            />
          </div>
        </Card>
        <Card title="Commissions and payouts">
          <div className="card-body form-grid">
            <TextField
              name="holdDays"
              label="Hold period (days)"
              hint="Then conversions approve themselves"
              inputMode="numeric"
              {...field}
            />
            <SelectInput
              name="roundingMode"
              label="Rounding"
              options={[
                { value: 'half-even', label: "Half to even (banker's)" },
                { value: 'half-up', label: 'Half up' },
                { value: 'down', label: 'Down' },
                { value: 'up', label: 'Up' },
              ]}
              {...field}
            />
            <TextField
              name="payoutThreshold"
              label={`Payout threshold (${currency})`}
              inputMode="decimal"
              {...field}
            />
            <SelectInput
              name="payoutSchedule"
              label="Payout schedule"
              options={[
                { value: 'manual', label: 'Manual' },
                { value: 'weekly', label: 'A batch each week' },
                { value: 'monthly', label: 'A batch each month' },
              ]}
              {...field}
            />
          </div>
        </Card>
        <Card
          title="Fraud and safety"
          description="Scores run 0-100; patterns are case-insensitive regular expressions."
        >
          <div className="card-body form-grid">
            <TextField
              name="reviewScore"
              label="Review at score"
              hint="Empty: default"
              inputMode="numeric"
              {...field}
            />
            <TextField
              name="blockScore"
              label="Block at score"
              hint="Empty: default"
              inputMode="numeric"
              {...field}
            />
            <TextAreaField
              name="botPatterns"
              label="Extra bot user-agent patterns"
              hint="One per line, e.g. curl\/"
              {...field}
            />
            <TextField
              name="maxClicksPerIp"
              label="Click flood: clicks per IP and link"
              inputMode="numeric"
              {...field}
            />
            <TextField
              name="floodWindowMinutes"
              label="Click flood window (minutes)"
              inputMode="numeric"
              {...field}
            />
            <TextField
              name="minSeconds"
              label="Too fast: seconds from click to sale"
              inputMode="numeric"
              {...field}
            />
            <SelectInput
              name="pixelConversions"
              label="Browser (pixel) conversions"
              options={[
                { value: 'on', label: 'Recorded' },
                { value: 'confirm', label: 'Earn only once the server confirms' },
                { value: 'off', label: 'Refused' },
              ]}
              {...field}
            />
            <SelectInput
              name="rejectedClicks"
              label="Sales whose click ids are all refused"
              options={[
                { value: 'keep_unattributed', label: 'Keep, unattributed' },
                { value: 'refuse', label: 'Refuse' },
              ]}
              {...field}
            />
            <TextField
              name="maxConversionAmount"
              label={`Largest sale (${currency})`}
              hint="Empty: the tracker's ceiling"
              inputMode="decimal"
              {...field}
            />
          </div>
        </Card>
      </fieldset>
      {other.length > 0 ? (
        <ul className="problem-list" role="alert">
          {other.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      ) : null}
      {readOnly ? null : (
        <div className="form-actions">
          <button
            type="submit"
            className="button button-primary"
            disabled={isSubmitting || (mode === 'edit' && !isDirty)}
          >
            {isSubmitting ? 'Saving…' : submitLabel}
          </button>
          {Object.keys(errors).length > 0 ? (
            <span className="status-line is-error" role="alert">
              Check the fields marked above.
            </span>
          ) : (
            status
          )}
        </div>
      )}
    </form>
  )
}
