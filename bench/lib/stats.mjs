/** Medians and ratios; every figure is a median over rounds. */
export const median = (values) => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b)
  if (sorted.length === 0) return undefined
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

export const ratio = (value, reference) =>
  value === undefined || reference === undefined || reference === 0 ? undefined : value / reference

/** Relative spread of the samples ((max − min) / median), to show how noisy a figure is. */
export const spread = (values) => {
  const m = median(values)
  if (m === undefined || values.length < 2) return undefined
  return (Math.max(...values) - Math.min(...values)) / m
}
