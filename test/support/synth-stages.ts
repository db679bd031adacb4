// Jest setup (`setupFiles` in .projenrc.ts): the synth stages are registered by the composition
// root, src/index.ts, which a team's app loads as 'paved'. A test that builds charts from the
// modules themselves loads it here, so every app it synthesizes runs policy, catalog, cost and
// previews exactly as a team's does.
import '../../src';
