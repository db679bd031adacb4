/**
 * The Google SRE workbook's multiwindow, multi-burn-rate alerts: how fast the error budget burns
 * (× the rate that would spend exactly the budget in 30 days), over a long window to be
 * significant and a short one to reset quickly. The first two page, the last two open a ticket.
 */
export const BURN_RATES = [
  { factor: 14.4, long: '1h', short: '5m', for: '2m', page: true },
  { factor: 6, long: '6h', short: '30m', for: '15m', page: true },
  { factor: 3, long: '1d', short: '2h', for: '1h', page: false },
  { factor: 1, long: '3d', short: '6h', for: '3h', page: false },
];

/** The fastest burn rate: an objective whose budget it would multiply past 100% can never alert on it. */
export const FASTEST_BURN = Math.max(...BURN_RATES.map((b) => b.factor));
