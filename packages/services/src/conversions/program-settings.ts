import type { AttributionSettings, FraudConfig } from '@tandem/core'
import type { ConversionProgram } from '@tandem/db'
import { InvalidInputError } from '../errors.ts'
import { attributionSettingsOf, fraudConfigOf, ProgramSettingsError } from '../programs/settings.ts'

/**
 * The program's attribution settings; a stored value that does not validate is a configuration
 * error the merchant must hear about (guessing a model would pay the wrong partner).
 */
export function attributionSettingsFor(program: ConversionProgram): AttributionSettings {
  try {
    return attributionSettingsOf(program)
  } catch (error) {
    if (error instanceof ProgramSettingsError)
      throw new InvalidInputError(error.message, {}, 'program_misconfigured')
    throw error
  }
}

export function fraudConfigFor(program: ConversionProgram): FraudConfig {
  return fraudConfigOf(program.fraud).config
}
