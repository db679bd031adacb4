// The synth stages are registered by the composition root, src/index.ts, which a team's app loads
// as 'paved'. Tests and conformance scripts that build charts from the modules themselves load it
// here (jest through `setupFiles` in .projenrc.ts), so every app they synthesize runs policy,
// catalog, cost and previews exactly as a team's does.
import '../../src';
