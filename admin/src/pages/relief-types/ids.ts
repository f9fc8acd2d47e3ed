/** The element id of the field an error path names (`amount.max` → aid-field-amount-max): labels and focus. */
export const fieldId = (path: string) => `aid-field-${path.replace(/\./g, '-')}`
